import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import migrations, models
from PIL import Image, ImageOps

import redcross.images


def shrink_stored_images(apps, schema_editor):
    """A logo or QR code stored as uploaded is re-encoded as a new upload would be; one with too many pixels to
    decode safely is removed from the profile, for staff to upload again."""
    BranchProfile = apps.get_model("redcross", "BranchProfile")
    side = redcross.images.LOGO_MAX_SIDE
    for profile in BranchProfile.objects.all():
        changes = {}
        for field in ("logo", "wechat_qr"):
            file = getattr(profile, field)
            if not file or not file.storage.exists(file.name):
                continue
            with file.open("rb"):
                try:
                    redcross.images.validate_pixel_count(file)
                except ValidationError:
                    changes[field] = ""
                    continue
                image = ImageOps.exif_transpose(Image.open(file))
                if image.mode not in ("RGB", "RGBA", "L", "LA"):
                    image = image.convert("RGBA")
                image.thumbnail((side, side))
                buffer = io.BytesIO()
                image.save(buffer, "PNG", optimize=True)
            name = str(PurePosixPath(file.name).with_suffix(".png"))
            changes[field] = file.storage.save(name, ContentFile(buffer.getvalue()))
        if changes:
            BranchProfile.objects.filter(pk=profile.pk).update(**changes)


class Migration(migrations.Migration):

    dependencies = [
        ('redcross', '0003_branchprofile_code_historicalbranchprofile_code'),
    ]

    operations = [
        migrations.AlterField(
            model_name='branchprofile',
            name='logo',
            field=redcross.images.LogoField(blank=True, upload_to='branch/', verbose_name='logo'),
        ),
        migrations.AlterField(
            model_name='branchprofile',
            name='wechat_qr',
            field=redcross.images.LogoField(blank=True, upload_to='branch/', verbose_name='WeChat QR code'),
        ),
        migrations.AlterField(
            model_name='historicalbranchprofile',
            name='logo',
            field=models.TextField(blank=True, max_length=100, validators=[redcross.images.validate_photo_size], verbose_name='logo'),
        ),
        migrations.AlterField(
            model_name='historicalbranchprofile',
            name='wechat_qr',
            field=models.TextField(blank=True, max_length=100, validators=[redcross.images.validate_photo_size], verbose_name='WeChat QR code'),
        ),
        migrations.RunPython(shrink_stored_images, migrations.RunPython.noop),
    ]
