"""Photos as the portal keeps them: upright, at most 1600 px, re-encoded as JPEG without EXIF (no GPS position)."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField, ProcessedImageField
from pilkit.processors import ResizeToFill, ResizeToFit, Transpose

PHOTO_MAX_BYTES = 15 * 1024 * 1024
PHOTO_MAX_SIDE = 1600


def validate_photo_size(file) -> None:
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is %(size)s; photos may be at most %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(PHOTO_MAX_BYTES)},
            code="photo_too_large",
        )


class PhotoField(ProcessedImageField):
    """An image field whose upload is checked by Pillow, turned upright, shrunk and stored without metadata."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("processors", [Transpose(), ResizeToFit(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, upscale=False)])
        kwargs.setdefault("format", "JPEG")
        kwargs.setdefault("options", {"quality": 85, "optimize": True})
        kwargs.setdefault("validators", [validate_photo_size])
        super().__init__(verbose_name=verbose_name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("processors", "format", "options", "validators"):
            kwargs.pop(key, None)
        return name, path, args, kwargs


def thumbnail_spec(source: str) -> ImageSpecField:
    return ImageSpecField(
        source=source, processors=[ResizeToFill(480, 360)], format="JPEG", options={"quality": 80}
    )
