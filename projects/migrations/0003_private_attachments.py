from django.db import migrations, models

import redcross.private
import redcross.uploads


# Project attachments stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
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
        redcross.private.moving_files("projects", "attachment", "file"),
    ]
