from django.db import migrations, models

import redcross.private
import redcross.uploads
from redcross.private import move_stored_files


# Project attachments stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
def to_private(apps, schema_editor):
    move_stored_files(apps, "projects", "attachment", "file", to_private=True)


def to_media(apps, schema_editor):
    move_stored_files(apps, "projects", "attachment", "file", to_private=False)


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0002_facility_kinds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='file',
            field=models.FileField(storage=redcross.private.private_storage, upload_to='projects/attachments/%Y/', validators=[redcross.uploads.validate_document], verbose_name='file'),
        ),
        migrations.RunPython(to_private, to_media),
    ]
