import datetime as dt

import pytest

from redcross.reports.models import Report
from redcross.reports.services import report_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready():
    report = Report.objects.create(kind="month", start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 31))
    return report_build(report_id=report.pk)


def test_anonymous_and_citizens_get_the_login_page_never_a_file(client, django_user_model, ready):
    for url in ("/reports/", f"/reports/{ready.pk}/", f"/reports/{ready.pk}/pdf/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(django_user_model.objects.create_user("citizen", password="a-long-password-1"))
    response = client.get(f"/reports/{ready.pk}/docx/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_leadership_downloads_every_file(client, leader, ready):
    client.force_login(leader)
    page = client.get("/reports/").content.decode()
    assert "2025年7月" in page
    for kind, start in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(f"/reports/{ready.pk}/{kind}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(start)
        assert "attachment" in response["Content-Disposition"]


def test_staff_ask_for_a_period_and_the_request_returns_at_once(client, training_officer):
    client.force_login(training_officer)
    response = client.post("/reports/", {"kind": "quarter", "year": "2025", "number": "3"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert (report.start, report.end, report.status) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30), "queued")
    assert report.requested_by == training_officer
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [({"kind": "quarter", "year": "2025", "number": "5"}, "季度"),
     ({"kind": "range", "start": "2025-08-31", "end": "2025-03-01"}, "结束"),
     ({"kind": "month", "year": "", "number": "7"}, "年份")],
)
def test_a_wrong_period_is_refused_clearly(client, leader, data, message):
    client.force_login(leader)
    response = client.post("/reports/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_not_ready_cannot_be_downloaded(client, leader):
    report = Report.objects.create(kind="month", start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 31))
    client.force_login(leader)
    assert client.get(f"/reports/{report.pk}/pdf/").status_code == 404
    assert client.get(f"/reports/{report.pk}/exe/").status_code == 404


def test_the_admin_links_a_ready_report_to_its_checked_downloads(admin_client, ready):
    page = admin_client.get(f"/admin/reports/report/{ready.pk}/change/").content.decode()
    assert f'href="/reports/{ready.pk}/pdf/"' in page
    assert "/media/" not in page
