from django.db import migrations, models

import redcross.private
import redcross.uploads


# Signed agreements stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
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
        redcross.private.moving_files("training", "base", "agreement_file"),
    ]
