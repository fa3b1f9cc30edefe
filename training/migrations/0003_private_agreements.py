from django.db import migrations, models

import redcross.private
import redcross.uploads
from redcross.private import move_stored_files


# Signed agreements stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
def to_private(apps, schema_editor):
    move_stored_files(apps, "training", "base", "agreement_file", to_private=True)


def to_media(apps, schema_editor):
    move_stored_files(apps, "training", "base", "agreement_file", to_private=False)


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0002_registration_history_and_staff_steps'),
    ]

    operations = [
        migrations.AlterField(
            model_name='base',
            name='agreement_file',
            field=models.FileField(blank=True, storage=redcross.private.private_storage, upload_to='training/agreements/', validators=[redcross.uploads.validate_document], verbose_name='signed agreement'),
        ),
        migrations.RunPython(to_private, to_media),
    ]
