"""Images as the portal keeps them: size and pixel count checked before decoding, upright, shrunk, re-encoded
without metadata (no EXIF, no GPS position). Photos become JPEG of at most 1600 px; logos and QR codes PNG of
at most 512 px."""

import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField, ProcessedImageField
from PIL import Image
from pilkit.processors import ResizeToFill, ResizeToFit, Transpose

PHOTO_MAX_BYTES = 15 * 1024 * 1024
PHOTO_MAX_SIDE = 1600
LOGO_MAX_SIDE = 512
# Phones save 12-megapixel photos by default; decoding costs up to 4 bytes a pixel, so about 160 MB at most.
MAX_PIXELS = 40_000_000
# Pillow refuses to decode more than twice this anywhere in the portal (and warns above it), whatever the caller.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_photo_size(file) -> None:
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is %(size)s; photos may be at most %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(PHOTO_MAX_BYTES)},
            code="photo_too_large",
        )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("This image has more than %(limit)s million pixels; please scale it down and upload it again."),
        params={"limit": MAX_PIXELS // 1_000_000}, code="image_too_many_pixels",
    )


def validate_pixel_count(file) -> None:
    """Refuse an image of more than MAX_PIXELS from its header alone, before anything decodes it.

    A file Pillow cannot open passes: the form field refuses it as not being an image.
    """
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:  # reads the header only
                width, height = image.size
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # not an image, or gone from storage: other checks answer
        return
    finally:
        if not getattr(file, "closed", False):
            file.seek(0)
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()


class ImageFormField(forms.ImageField):
    """Django's image field, which opens and verifies the upload, once the header has shown its pixel count."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            validate_pixel_count(data)
        return super().to_python(data)


class Draft:
    """Decode a JPEG at the smallest scale (1/2, 1/4, 1/8) still at least `side` px: less memory and time."""

    def __init__(self, side: int):
        self.side = side

    def process(self, image: Image.Image) -> Image.Image:
        image.draft(None, (self.side, self.side))
        return image


class PhotoField(ProcessedImageField):
    """An image field whose upload is checked by Pillow, turned upright, shrunk and stored without metadata."""

    max_side = PHOTO_MAX_SIDE
    image_format = "JPEG"
    image_options = {"quality": 85, "optimize": True}

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("processors", [
            Draft(self.max_side), Transpose(), ResizeToFit(self.max_side, self.max_side, upscale=False),
        ])
        kwargs.setdefault("format", self.image_format)
        kwargs.setdefault("options", self.image_options)
        kwargs.setdefault("validators", [validate_photo_size])
        super().__init__(verbose_name=verbose_name, **kwargs)

    def run_validators(self, value):
        super().run_validators(value)
        # Not among `validators`, which the history models copy into their migrations.
        if value not in self.empty_values:
            validate_pixel_count(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("processors", "format", "options", "validators"):
            kwargs.pop(key, None)
        return name, path, args, kwargs


class LogoField(PhotoField):
    """A logo or QR code, shown on every page: PNG (transparency and sharp edges kept), at most 512 px."""

    max_side = LOGO_MAX_SIDE
    image_format = "PNG"
    image_options = {"optimize": True}


def thumbnail_spec(source: str) -> ImageSpecField:
    return ImageSpecField(
        source=source, processors=[ResizeToFill(480, 360)], format="JPEG", options={"quality": 80}
    )
