"""The thank-you certificate (捐赠证书): a PDF with the branch, the donor's name, the gift, its date and receipt
number, and a QR code of the donation's signed lookup page; only for gifts worth at least the branch's threshold."""

import datetime as dt
import re
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils.translation import gettext
from PIL import Image

from projects import services
from projects.admin.donation_certificates import download_certificate
from projects.donation_certificates import certificate_html
from projects.donation_lookup import certificate_token, lookup_url
from projects.models import Donation
from redcross.models import BranchProfile
from redcross.pdf import qr_data_uri

pytestmark = pytest.mark.django_db
SITE = "https://redcross.example.cn"
LOOKUP = "/projects/donations/lookup/"


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def gift(**values) -> Donation:
    return services.donation_save(
        donation=Donation(
            **{
                "receipt_number": "RC-2025-0001",
                "received_on": dt.date(2025, 3, 1),
                "amount": Decimal("1000.00"),
                "donor_name": "王小芳",
                "phone": "13912345678",
                "address": "人民路 8 号",
                **values,
            }
        )
    )


def goods(value: str, **values) -> Donation:
    return gift(
        **{
            "receipt_number": "GD-1",
            "kind": "goods",
            "amount": None,
            "goods": "急救包",
            "quantity": Decimal("50"),
            "unit": "个",
            "estimated_value": Decimal(value),
            "donor_kind": "organisation",
            "donor_name": "某某科技有限公司",
            **values,
        }
    )


@pytest.fixture
def threshold(settings):
    settings.PUBLIC_BASE_URL = SITE

    def set_to(value):
        profile = BranchProfile.load()
        profile.name, profile.donation_certificate_from = "海安市红十字会", None if value is None else Decimal(value)
        profile.save()

    set_to("500.00")
    return set_to


def certificate_link(client, number: str, name: str) -> str:
    page = client.post(LOOKUP, {"receipt_number": number, "name": name}).content.decode()
    found = re.search(r'href="([^"]+certificate\.pdf)"', page)
    assert found, "no certificate link on the answer"
    return found.group(1)


def pdf_text(pdf: bytes, tmp_path: Path) -> tuple[str, Path]:
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return run("pdftotext", "-layout", str(path), "-"), path


def ink(path: Path, tmp_path: Path, box) -> float:
    """The share of dark pixels in a part of the first page (left, top, right, bottom as fractions)."""
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page"))
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    part = image.crop((int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)))
    histogram = part.histogram()
    return sum(histogram[:128]) / sum(histogram)


def test_the_donor_downloads_a_pdf_with_their_full_name_the_gift_and_a_qr_code_of_its_lookup_page(
    client,
    threshold,
    tmp_path,
):
    donation = gift()  # published masked: the certificate is the donor's own and carries the full name
    response = client.get(certificate_link(client, "rc-2025-0001", "王小芳"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text, path = pdf_text(response.content, tmp_path)
    flat = "".join(text.split())

    assert "海安市红十字会" in text and "王小芳" in text and "RC-2025-0001" in text and "¥1,000.00" in text
    assert "2025年3月1日" in text
    assert "13912345678" not in flat and "人民路" not in flat
    url = lookup_url(donation)
    assert url.startswith(f"{SITE}{LOOKUP}") and url in flat
    assert qr_data_uri(url) in certificate_html([donation], lookup_url)
    assert ink(path, tmp_path, (0.70, 0.25, 0.97, 0.75)) > 0.05  # the QR code, right of the facts
    opened = client.get(url.removeprefix(SITE))
    assert opened.status_code == 200 and "王*芳" in opened.content.decode()


def test_goods_count_by_their_estimated_value(client, threshold, tmp_path):
    goods("5000.00")
    threshold("5000.00")
    response = client.get(certificate_link(client, "GD-1", "某某科技有限公司"))
    text, _path = pdf_text(response.content, tmp_path)
    assert "某某科技有限公司" in text and "急救包" in text and "50个" in text and "¥5,000.00" in text
    threshold("5000.01")
    page = client.post(LOOKUP, {"receipt_number": "GD-1", "name": "某某科技有限公司"}).content.decode()
    assert "certificate.pdf" not in page


def test_an_anonymous_gift_names_no_one_on_its_certificate(threshold):
    donation = gift(anonymous=True, donor_name="赵某某")
    html = certificate_html([donation], lookup_url)
    assert gettext("Anonymous donor") in html and "赵某某" not in html


@pytest.mark.parametrize("level", [None, "1000.01"])
def test_the_certificate_is_refused_below_the_threshold_or_when_the_branch_gives_none(client, threshold, level):
    donation = gift()
    link = f"{LOOKUP}{certificate_token(donation)}/certificate.pdf"
    assert client.get(link).status_code == 200
    threshold(level)
    assert client.get(link).status_code == 404


def test_a_certificate_link_expires_after_a_day_and_only_opens_a_certificate(client, threshold, monkeypatch):
    donation = gift()
    with monkeypatch.context() as past:
        past.setattr(time, "time", lambda: dt.datetime(2025, 3, 1, tzinfo=dt.UTC).timestamp())
        old = certificate_token(donation)
    assert client.get(f"{LOOKUP}{old}/certificate.pdf").status_code == 404
    assert client.get(f"{LOOKUP}{certificate_token(donation)[:-3]}abc/certificate.pdf").status_code == 404


def staff_request(user):
    request = RequestFactory().post("/admin/projects/donation/")
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    return request


def test_staff_download_the_certificates_of_the_chosen_donations_worth_the_threshold(
    finance_officer,
    threshold,
    tmp_path,
):
    small = gift(receipt_number="RC-1", amount=Decimal("100.00"), donor_name="李四")
    gift(receipt_number="RC-2", donor_name="王小芳")
    goods("800.00")
    model_admin = admin.site._registry[Donation]
    chosen = model_admin.get_queryset(staff_request(finance_officer))
    response = download_certificate(model_admin, staff_request(finance_officer), chosen)
    text, path = pdf_text(response.content, tmp_path)
    assert "王小芳" in text and "某某科技有限公司" in text and "李四" not in text
    assert re.search(r"^Pages:\s+2$", run("pdfinfo", str(path)), re.MULTILINE)

    request = staff_request(finance_officer)
    assert download_certificate(model_admin, request, Donation.objects.filter(pk=small.pk)) is None
    assert [str(message) for message in get_messages(request)] == [
        gettext("None of the chosen donations is worth %(threshold)s or more: they get no thank-you certificate.")
        % {"threshold": "¥500.00"}
    ]
    threshold(None)
    request = staff_request(finance_officer)
    assert download_certificate(model_admin, request, Donation.objects.all()) is None
    assert len(list(get_messages(request))) == 1
