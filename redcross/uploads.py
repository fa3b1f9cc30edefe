"""Attachments staff upload (application forms, approval letters, reports): a few formats, a size limit."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# The first bytes of each accepted format, so that a renamed file of another kind is refused.
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


def validate_document(file) -> None:
    extension = Path(file.name).suffix.lower()
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("Upload a PDF, Word (.doc, .docx) or image (.jpg, .png) file."), code="document_type"
        )
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; attachments may be at most %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(DOCUMENT_MAX_BYTES)},
            code="document_too_large",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            _("The content of this file is not a %(extension)s file."), params={"extension": extension},
            code="document_content",
        )
