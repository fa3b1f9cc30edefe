"""The roster and certificate PDFs, checked the way a reader sees them: text, fonts and ink on the page."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.utils.translation import gettext
from PIL import Image

from training.display import session_period
from training.documents import certificates_pdf, roster_pdf
from training.models import Certificate, Registration

from .factories import (
    BaseFactory,
    CertificateFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    at,
    mobile,
    resident_id,
)

pytestmark = pytest.mark.django_db


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def saved(pdf: bytes, tmp_path: Path) -> Path:
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return path


def text_of(path: Path) -> str:
    return run("pdftotext", "-layout", str(path), "-")


def page_count(path: Path) -> int:
    line = next(line for line in run("pdfinfo", str(path)).splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def embedded_fonts(path: Path) -> str:
    """The names of the fonts embedded in the file, e.g. "ABCDEF+Noto-Sans-CJK-SC" read as "NotoSansCJKSC"."""
    return run("pdffonts", str(path)).replace("-", "")


def ink(path: Path, tmp_path: Path, page: int = 1, box=(0.0, 0.0, 1.0, 1.0)) -> float:
    """The share of dark pixels in a part of a page (left, top, right, bottom as fractions of the page)."""
    prefix = tmp_path / f"page{page}"
    run("pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(prefix))
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    part = image.crop((int(box[0] * width), int(box[1] * height), int(box[2] * width), int(box[3] * height)))
    histogram = part.histogram()
    return sum(histogram[:128]) / sum(histogram)


@pytest.fixture
def first_aider_session():
    session = SessionFactory(
        course=FirstAiderCourseFactory(), base=BaseFactory(name="城东救护培训基地", address="开发大道 1 号"),
        starts_at=at("2025-06-01 09:00"), ends_at=at("2025-06-02 17:00"), organiser="市红十字会",
        seats=2, status="held",
    )
    RegistrationFactory(session=session, attended=True, passed=True,
                        trainee=TraineeFactory(name="张三丰", mobile=mobile(1), resident_id=resident_id(1),
                                               organisation="市第一中学"))
    RegistrationFactory(session=session, attended=False,
                        trainee=TraineeFactory(name="李四", mobile=mobile(2), resident_id=resident_id(2)))
    RegistrationFactory(session=session, status=Registration.Status.WAITING,
                        trainee=TraineeFactory(name="候补王五", mobile=mobile(3), resident_id=resident_id(3)))
    RegistrationFactory(session=session, status=Registration.Status.CANCELLED,
                        trainee=TraineeFactory(name="取消赵六", mobile=mobile(4), resident_id=resident_id(4)))
    return session


def test_the_roster_lists_the_confirmed_trainees_in_chinese_with_masked_numbers(first_aider_session, tmp_path):
    path = saved(roster_pdf(first_aider_session), tmp_path)
    text = text_of(path)

    assert "救护员培训" in text and "城东救护培训基地" in text and "市红十字会" in text
    # Both days of a session over two days, in the language the roster is drawn in.
    assert session_period(first_aider_session.starts_at, first_aider_session.ends_at) in text
    assert "张三丰" in text and "市第一中学" in text and "李四" in text
    assert "候补王五" not in text and "取消赵六" not in text
    assert "138****0001" in text and "3206**********" + resident_id(1)[-4:] in text
    assert mobile(1) not in text and resident_id(1) not in text
    assert "NotoSansCJK" in embedded_fonts(path)
    assert ink(path, tmp_path) > 0.01


def test_rosters_of_a_long_session_continue_on_further_pages_with_the_header_again(tmp_path):
    session = SessionFactory(course=FirstAiderCourseFactory(), seats=60)
    for n in range(45):
        RegistrationFactory(session=session, trainee=TraineeFactory(name=f"学员{n:02d}号", mobile=mobile(100 + n)))
    path = saved(roster_pdf(session), tmp_path)

    assert page_count(path) == 2
    text = text_of(path)
    assert "学员00号" in text and "学员44号" in text
    assert text.count(gettext("Full name")) == 2
    assert "".join(gettext("Page %(number)s of %(total)s").split()) % {"number": 2, "total": 2} in "".join(text.split())


def test_each_certificate_gets_a_page_with_its_holder_number_dates_and_check_link(tmp_path):
    trainee = TraineeFactory(name="张三丰", resident_id=resident_id(7))
    first = CertificateFactory(trainee=trainee, number="RC-2025-00017", issued_on=dt.date(2025, 6, 2),
                               expires_on=dt.date(2028, 6, 2))
    second = CertificateFactory(trainee=TraineeFactory(name="李四"), number="RC-2025-00018")
    certificates = Certificate.objects.filter(pk__in=[first.pk, second.pk]).select_related("trainee", "course")
    asked = []

    def verify_url(certificate):
        asked.append(certificate.number)
        return f"https://redcross.example.cn/training/certificates/v/{certificate.token}/"

    path = saved(certificates_pdf(certificates.order_by("number"), verify_url), tmp_path)

    assert page_count(path) == 2
    assert asked == ["RC-2025-00017", "RC-2025-00018"]
    text = text_of(path)
    first_page = text.split("\f")[0]
    assert "张三丰" in first_page and "RC-2025-00017" in first_page and "救护员培训" in first_page
    assert "李四" not in first_page
    assert "3206**********" + resident_id(7)[-4:] in first_page and resident_id(7) not in text
    assert ("2025年6月2日" in first_page and "2028年6月2日" in first_page) or "June 2, 2028" in first_page
    assert first.token in "".join(first_page.split())
    assert "NotoSansCJK" in embedded_fonts(path) and "NotoSerifCJK" in embedded_fonts(path)
    # The QR code is printed on the right of the page, beside the facts.
    assert ink(path, tmp_path, page=1, box=(0.68, 0.3, 0.95, 0.7)) > 0.15
