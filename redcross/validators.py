"""Checks of Chinese personal data shared by every app (GB 11643 resident ID, mobile and landline numbers)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Landline with optional area code and extension, or a service number such as 12345 / 400-xxx-xxxx.
PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?|400-?\d{3}-?\d{4}|\d{5})$")
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def normalize_resident_id(value: str) -> str:
    return (value or "").strip().upper()


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
    if birth is None or birth.year < 1900 or birth > date.today():
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
    return re.sub(r"[\s()（）]", "", value or "")


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
