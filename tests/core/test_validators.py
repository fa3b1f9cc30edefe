import pytest
from django.core.exceptions import ValidationError

from redcross.masking import mask_name, mask_phone, mask_resident_id
from redcross.validators import (
    RESIDENT_ID_RE,
    normalize_phone,
    normalize_resident_id,
    resident_id_check_char,
    validate_mobile,
    validate_phone,
    validate_resident_id,
)


def make_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def test_resident_id_with_matching_check_character_is_accepted():
    validate_resident_id("11010519491231002X")  # the example of GB 11643
    validate_resident_id(make_id("32068219900307123").lower())


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_check_digit"),
        ("11010519491231002", "id_format"),
        ("11010519491231002Y", "id_format"),
        (make_id("32068219901330123"), "id_birth_date"),
        (make_id("32068218000101123"), "id_birth_date"),
        (make_id("32068221000101123"), "id_birth_date"),
    ],
)
def test_resident_id_mistakes_are_named(number, code):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(number)
    assert error.value.code == code


def test_mobile_numbers_need_eleven_digits_starting_13_to_19():
    validate_mobile("138 0013 8000")
    for bad in ("12800138000", "1380013800", "238001380001", "abc"):
        with pytest.raises(ValidationError):
            validate_mobile(bad)


def test_landlines_and_service_numbers_are_phone_numbers():
    for good in ("0513-12345678", "051312345678", "12345678", "13800138000", "400-123-4567", "12345"):
        validate_phone(good)
    with pytest.raises(ValidationError):
        validate_phone("call me")


def test_masking_keeps_only_what_identifies_nothing():
    assert mask_resident_id("32068219900307123X") == "3206**********123X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0513-12345678") == "*********5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧**明"


@pytest.mark.parametrize("value", ["1380013800٠", "१३८००१३८०००", "13800138000x", "1380013800"])
def test_a_mobile_number_is_eleven_digits_0_to_9(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


@pytest.mark.parametrize("value", ["11010519491231002٢", "11010519491231002X\n"])
def test_a_resident_id_number_has_no_other_digits_nor_anything_after_it(value):
    assert not RESIDENT_ID_RE.match(value)


def test_full_width_digits_from_a_chinese_keyboard_are_the_same_number():
    assert normalize_phone("１３８ ００１３ ８０００") == "13800138000"
    validate_mobile("１３８００１３８０００")
    assert normalize_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
