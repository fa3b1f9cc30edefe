"""Checks shared by every app: Chinese personal data (GB 11643 resident ID, mobile and landline numbers), plain
text, and the record IDs and tokens of URLs."""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}\Z", re.ASCII)
# Landline with optional area code and extension, or a service number such as 12345 / 400-xxx-xxxx.
PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?|400-?\d{3}-?\d{4}|\d{5})\Z", re.ASCII)
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]\Z", re.ASCII)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def normalize_resident_id(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def resident_id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value: str) -> None:
    number = normalize_resident_id(value)
    if not RESIDENT_ID_RE.match(number):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a last digit or X."), code="id_format"
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError(
            _("The birth date in this resident ID number (digits 7 to 14) is not a real date."),
            code="id_birth_date",
        )
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The last character of this resident ID number does not match: please check it."),
            code="id_check_digit",
        )


def normalize_phone(value: str) -> str:
    """Without spaces and brackets, full-width digits (a Chinese keyboard's) as ASCII ones."""
    return re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", value or ""))


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter an 11-digit mobile number starting with 13 to 19."), code="mobile_format"
        )


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter a mobile number or a landline such as 0513-12345678."), code="phone_format"
        )


# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates, which only an unpaired
# half can leave in a Python string, and which neither PostgreSQL nor a spreadsheet can store.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_BREAK_RE = re.compile(r"[\t\n\r]")


@deconstructible
class PlainTextValidator:
    """Text a person could have typed: no invisible control characters and, unless multi-line, on one line."""

    def __init__(self, *, multiline: bool):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        control = CONTROL_RE.search(value)
        if control:
            raise ValidationError(
                _("This text holds an invisible control character (character %(position)s): please remove it."),
                code="control_character", params={"position": control.start() + 1},
            )
        line_break = None if self.multiline else LINE_BREAK_RE.search(value)
        if line_break:
            raise ValidationError(
                _("Write this on one line: remove the line break or tab (character %(position)s)."),
                code="line_break", params={"position": line_break.start() + 1},
            )

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline

    def __hash__(self):
        return hash((PlainTextValidator, self.multiline))


validate_plain_text = PlainTextValidator(multiline=True)
validate_one_line = PlainTextValidator(multiline=False)


class RecordIdConverter:
    """A record's ID in a URL: digits that fit PostgreSQL's bigint, so that a longer number is a 404, not a query."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class UrlSafeTokenConverter:
    """A token of `secrets.token_urlsafe(32)`: 43 characters of the URL-safe base64 alphabet."""

    regex = "[A-Za-z0-9_-]{43}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class SignedValueConverter(UrlSafeTokenConverter):
    """A value of `django.core.signing.dumps`: URL-safe base64, ":" between its parts, "." before compressed data."""

    regex = "[A-Za-z0-9_:.-]{1,200}"
