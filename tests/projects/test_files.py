"""Photos and attachments: only real images and documents, photos stripped of EXIF, shrunk, with thumbnails."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from projects.models import Attachment, Photo
from tests.projects.factories import ActivityFactory, ProjectFactory, SiteFactory

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def jpeg_with_gps(width=3000, height=2000) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (32.0, 31.0, 12.0), 3: "E", 4: (120.0, 27.0, 30.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_a_photo_is_stored_without_exif_shrunk_and_with_a_thumbnail():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    form = modelform_factory(Photo, fields=["site", "image", "caption"])(
        data={"site": SiteFactory().pk, "caption": "博爱书屋"},
        files={"image": SimpleUploadedFile("IMG_0001.jpg", data, content_type="image/jpeg")},
    )
    assert form.is_valid(), form.errors
    photo = form.save()

    stored = Image.open(photo.image.path)
    assert stored.format == "JPEG"
    assert max(stored.size) == 1600
    assert not stored.getexif()
    thumbnail = Path(photo.thumbnail.path)
    assert thumbnail.exists()
    assert Image.open(thumbnail).size == (480, 360)


def test_a_file_that_is_not_an_image_is_refused_as_a_photo():
    form = modelform_factory(Photo, fields=["site", "image"])(
        data={"site": SiteFactory().pk},
        files={"image": SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")},
    )
    assert not form.is_valid()
    assert "请上传一张有效的图片" in form.errors["image"][0]
    assert not Photo.objects.exists()


def test_a_photo_belongs_to_exactly_one_record():
    with pytest.raises(ValidationError):
        Photo(image="x.jpg").validate_constraints()
    with pytest.raises(ValidationError):
        Photo(image="x.jpg", site=SiteFactory(), activity=ActivityFactory()).validate_constraints()
    Photo(image="x.jpg", site=SiteFactory()).validate_constraints()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("批复.pdf", b"%PDF-1.7 ...", True),
        ("申报书.docx", b"PK\x03\x04 word", True),
        ("验收报告.exe", b"MZ", False),
        ("伪装.pdf", b"MZ\x90\x00", False),
    ],
)
def test_attachments_are_pdf_word_or_images(name, content, accepted):
    attachment = Attachment(project=ProjectFactory(), kind="approval", file=SimpleUploadedFile(name, content))
    if accepted:
        attachment.full_clean()
    else:
        with pytest.raises(ValidationError):
            attachment.full_clean()
