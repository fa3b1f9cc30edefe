"""Every image field counts the pixels from the header before decoding, then stores the image shrunk and re-encoded."""

import io
import struct
import zlib
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms import modelform_factory
from PIL import Image, ImageFile

from redcross.images import LOGO_MAX_SIDE, LogoField, PhotoField
from redcross.models import BranchProfile
from tests.core.test_branch_profile import CHANGE_URL, profile_form

pytestmark = pytest.mark.django_db
TOO_MANY_PIXELS = "该图片超过40百万像素，请您缩小后重新上传。"  # the admin speaks Chinese


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def black_and_white_png(width: int, height: int) -> bytes:
    """A real, complete 1-bit PNG, written row by row: 13000 × 13000 pixels fit in a few kilobytes."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the row's bits
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def photo_bytes(width: int, height: int, image_format="JPEG") -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, image_format, exif=exif)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return black_and_white_png(13000, 13000)


@pytest.fixture
def nothing_decoded(monkeypatch):
    """Fails the test if Pillow decodes the pixels of any image."""

    def refuse(image):
        raise AssertionError(f"{image.size} image decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def stored_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def image_fields() -> list[tuple[type[models.Model], models.ImageField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ImageField) and model._meta.app_label in {"redcross", "projects", "training",
                                                                               "publicity"}
    ]


def test_the_bomb_is_a_small_file_claiming_13000_by_13000_pixels(bomb):
    assert len(bomb) < 100_000
    assert struct.unpack(">II", bomb[16:24]) == (13000, 13000)


def test_every_image_field_of_the_portal_is_checked_and_re_encoded():
    fields = image_fields()
    assert {(model.__name__, field.name) for model, field in fields} >= {
        ("BranchProfile", "logo"), ("BranchProfile", "wechat_qr"), ("Photo", "image"), ("Base", "cover"),
        ("Article", "cover"), ("ArticleImage", "image"), ("Correspondent", "photo"), ("Site", "cover"),
    }
    assert all(isinstance(field, PhotoField) for _model, field in fields), fields
    assert isinstance(BranchProfile._meta.get_field("logo"), LogoField)
    assert isinstance(BranchProfile._meta.get_field("wechat_qr"), LogoField)


def test_a_13000_pixel_square_logo_is_refused_from_its_header_and_nothing_is_stored(
    client, publicity_officer, bomb, nothing_decoded
):
    client.force_login(publicity_officer)
    response = client.post(
        CHANGE_URL, profile_form(logo=SimpleUploadedFile("logo.png", bomb, content_type="image/png")),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"] == [TOO_MANY_PIXELS]
    assert not BranchProfile.load().logo
    assert stored_files() == []


@pytest.mark.parametrize("field", ["logo", "wechat_qr"])
def test_a_large_logo_or_qr_code_is_stored_shrunk_as_png_without_metadata(client, publicity_officer, field):
    client.force_login(publicity_officer)
    upload = SimpleUploadedFile("big.jpg", photo_bytes(3000, 2000), content_type="image/jpeg")

    response = client.post(CHANGE_URL, profile_form(**{field: upload}))

    assert response.status_code == 302
    stored = getattr(BranchProfile.objects.get(), field)
    assert stored.name.startswith("branch/") and stored.name.endswith(".png")
    image = Image.open(stored.path)
    assert image.format == "PNG" and max(image.size) == LOGO_MAX_SIDE
    assert not image.getexif()
    assert "exif" not in image.info
    assert Path(stored.path).is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize(("model", "field"), image_fields(), ids=lambda value: getattr(value, "name", repr(value)))
def test_every_image_field_refuses_too_many_pixels_before_decoding(model, field, bomb, nothing_decoded):
    form = modelform_factory(model, fields=[field.name])(
        data={}, files={field.name: SimpleUploadedFile("big.png", bomb, content_type="image/png")},
    )

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()[field.name]] == ["image_too_many_pixels"]
    assert stored_files() == []


def test_a_record_saved_without_a_form_is_checked_as_well(bomb, nothing_decoded):
    from projects.models import Photo

    photo = Photo(image=SimpleUploadedFile("big.png", bomb))
    with pytest.raises(ValidationError) as refused:
        photo.full_clean(exclude=["site", "facility", "activity"], validate_constraints=False)
    assert [error.code for error in refused.value.error_dict["image"]] == ["image_too_many_pixels"]


def test_pillow_itself_refuses_to_decode_far_more_than_the_limit(bomb):
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb))


def test_the_migration_shrinks_a_logo_stored_before_and_drops_one_too_large_to_decode(bomb):
    shrink_stored_images = import_module("redcross.migrations.0004_branch_images").shrink_stored_images
    branch = Path(settings.MEDIA_ROOT) / "branch"
    branch.mkdir(parents=True)
    (branch / "logo.jpg").write_bytes(photo_bytes(3000, 2000))
    (branch / "qr.png").write_bytes(bomb)
    BranchProfile.load()
    BranchProfile.objects.update(logo="branch/logo.jpg", wechat_qr="branch/qr.png")

    shrink_stored_images(apps, schema_editor=None)

    profile = BranchProfile.objects.get()
    assert profile.logo.name.endswith(".png") and not profile.wechat_qr
    assert max(Image.open(profile.logo.path).size) == LOGO_MAX_SIDE
