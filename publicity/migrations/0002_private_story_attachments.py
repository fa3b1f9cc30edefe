from django.db import migrations, models

import redcross.private
import redcross.uploads


# Submitted manuscripts stored before were under MEDIA_ROOT, served to anyone: they move to PRIVATE_ROOT.
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
        redcross.private.moving_files("publicity", "story", "attachment"),
    ]
