from django.db import migrations, models

import redcross.private
import redcross.uploads
from redcross.private import move_stored_files


# Submitted manuscripts stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
def to_private(apps, schema_editor):
    move_stored_files(apps, "publicity", "story", "attachment", to_private=True)


def to_media(apps, schema_editor):
    move_stored_files(apps, "publicity", "story", "attachment", to_private=False)


class Migration(migrations.Migration):

    dependencies = [
        ('publicity', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='story',
            name='attachment',
            field=models.FileField(blank=True, storage=redcross.private.private_storage, upload_to='publicity/stories/%Y/', validators=[redcross.uploads.validate_document], verbose_name='attachment'),
        ),
        migrations.RunPython(to_private, to_media),
    ]
