"""The training staff's admin: sessions, attendance, certificates, documents, rosters and personal data."""

import datetime as dt
import subprocess

import pytest
from django.contrib.messages import constants
from django.utils import timezone

from tests.admin_forms import inline
from training.models import Certificate, PersonalDataAccess, Session

from .factories import (
    BaseFactory,
    CertificateFactory,
    TraineeFactory,
    masked_mobile,
    mobile,
    registration_of,
    resident_id,
)

pytestmark = pytest.mark.django_db
SESSIONS = "/admin/training/session/"
REGISTRATIONS = "/admin/training/registration/"


def act(client, url, action, objects, **extra):
    return client.post(url, {"action": action, "_selected_action": [obj.pk for obj in objects], "index": "0",
                             **extra}, follow=True)


def levels(response) -> list[int]:
    return [message.level for message in response.context["messages"]]


def pdf_text(content: bytes, tmp_path) -> str:
    assert content.startswith(b"%PDF-")
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_a_training_officer_records_a_session_and_issues_numbered_certificates(client, training_officer,
                                                                               past_session):
    client.force_login(training_officer)
    first, second, third = (registration_of(past_session, name) for name in ["甲学员", "乙学员", "丙学员"])
    waiting = registration_of(past_session, "候补学员")

    response = act(client, REGISTRATIONS, "mark_attended", [first, second, waiting])
    assert response.status_code == 200 and constants.WARNING in levels(response)  # the waiting one is left out
    act(client, REGISTRATIONS, "mark_absent", [third])
    act(client, REGISTRATIONS, "mark_passed", [first, second, third])  # the absent one gets no result
    response = act(client, SESSIONS, "mark_held", [past_session])
    assert constants.SUCCESS in levels(response)

    assert {name: (attended, passed) for name, attended, passed in past_session.registrations.values_list(
        "trainee__name", "attended", "passed")} == {
        "甲学员": (True, True), "乙学员": (True, True), "丙学员": (False, None), "候补学员": (None, None),
    }
    past_session.refresh_from_db()
    assert past_session.status == Session.Status.HELD

    response = act(client, SESSIONS, "issue_certificates", [past_session])
    year = timezone.localdate().year
    certificates = Certificate.objects.select_related("trainee").order_by("number")
    assert [c.number for c in certificates] == [f"RC-{year}-00001", f"RC-{year}-00002"]
    assert {c.trainee.name for c in certificates} == {"甲学员", "乙学员"}
    assert {(c.session, c.issued_by) for c in certificates} == {(past_session, training_officer)}
    assert certificates[0].expires_on == certificates[0].issued_on.replace(year=year + 3)
    assert f"RC-{year}-00001" in response.content.decode()

    response = act(client, SESSIONS, "issue_certificates", [past_session])
    assert Certificate.objects.count() == 2
    assert levels(response) == [constants.WARNING]


def test_certificates_are_refused_before_the_session_is_held(client, training_officer, past_session):
    client.force_login(training_officer)
    past_session.registrations.update(attended=True, passed=True)
    response = act(client, SESSIONS, "issue_certificates", [past_session])
    assert levels(response) == [constants.ERROR]
    assert not Certificate.objects.exists()


def session_form(session: Session, **values) -> dict:
    local = timezone.localtime
    data = {
        "course": session.course_id, "title": session.title, "base": session.base_id or "", "venue": session.venue,
        "starts_at_0": f"{local(session.starts_at):%Y-%m-%d}", "starts_at_1": f"{local(session.starts_at):%H:%M:%S}",
        "ends_at_0": f"{local(session.ends_at):%Y-%m-%d}", "ends_at_1": f"{local(session.ends_at):%H:%M:%S}",
        "audience": session.audience, "organiser": session.organiser, "seats": session.seats,
        "signup_deadline_0": "", "signup_deadline_1": "", "status": session.status, "headcount": "", **values,
    }
    if session.public_signup:
        data["public_signup"] = "on"
    return data


def test_a_walk_in_added_on_a_full_session_page_waits_and_the_states_cannot_be_typed(client, training_officer,
                                                                                      past_session):
    """The session page's rows are read only; a new row goes through the service: every seat taken, it waits."""
    client.force_login(training_officer)
    registrations = list(past_session.registrations.order_by("pk"))
    walk_in = TraineeFactory(name="现场报名", mobile=mobile(20), resident_id=resident_id(20))
    rows = [{"id": r.pk, "session": past_session.pk, "trainee": r.trainee_id, "status": "cancelled",
             "attended": "true", "passed": "true"} for r in registrations]
    rows.append({"session": past_session.pk, "trainee": walk_in.pk})

    response = client.post(f"{SESSIONS}{past_session.pk}/change/", {
        **session_form(past_session, status="held"), **inline("registrations", rows, initial=len(registrations)),
    }, follow=True)

    assert response.status_code == 200
    assert "现场报名" in " ".join(str(message) for message in response.context["messages"])
    assert not past_session.registrations.filter(attended=True).exists()
    assert not past_session.registrations.filter(status="cancelled").exists()
    past_session.refresh_from_db()
    assert past_session.status == Session.Status.FULL
    added = past_session.registrations.get(trainee=walk_in)
    assert (added.status, added.added_by, len(added.code)) == ("waiting", training_officer, 8)


def test_the_officer_downloads_the_roster_and_the_certificates_as_pdf(client, training_officer, past_session,
                                                                      tmp_path):
    client.force_login(training_officer)
    certificate = CertificateFactory(trainee=registration_of(past_session, "甲学员").trainee, session=past_session,
                                     course=past_session.course, number="RC-2025-00007")
    CertificateFactory(trainee=registration_of(past_session, "乙学员").trainee, session=past_session,
                       course=past_session.course, number="RC-2025-00008", revoked=True)

    response = act(client, SESSIONS, "download_roster_pdf", [past_session])
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    roster = pdf_text(response.content, tmp_path)
    assert "甲学员" in roster and masked_mobile(mobile(1)) in roster and mobile(1) not in roster

    response = act(client, SESSIONS, "download_certificates_pdf", [past_session])
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "甲学员" in text and "RC-2025-00007" in text
    assert "RC-2025-00008" not in text  # revoked
    assert f"http://testserver/training/certificates/v/{certificate.token}/" in "".join(text.split())

    response = act(client, "/admin/training/certificate/", "download_pdf", [certificate])
    assert "RC-2025-00007" in pdf_text(response.content, tmp_path)


def test_bases_whose_agreement_ends_within_90_days_are_flagged(client, training_officer):
    today = timezone.localdate()
    BaseFactory(name="南区基地", agreement="free_long_term", agreement_end=today + dt.timedelta(days=30))
    BaseFactory(name="北区基地", agreement="free_long_term", agreement_end=today + dt.timedelta(days=200))
    BaseFactory(name="西区基地", agreement="lease", agreement_end=today - dt.timedelta(days=1))
    client.force_login(training_officer)

    response = client.get("/admin/training/base/")
    warnings = [str(m) for m in response.context["messages"] if m.level == constants.WARNING]
    assert len(warnings) == 1 and "南区基地" in warnings[0] and "北区基地" not in warnings[0]
    assert "西区基地" not in warnings[0]

    response = client.get("/admin/training/base/?agreement_ends=soon")
    assert [base.name for base in response.context["cl"].result_list] == ["南区基地"]
    response = client.get("/admin/training/base/?agreement_ends=ended")
    assert [base.name for base in response.context["cl"].result_list] == ["西区基地"]


def test_certificates_expiring_within_60_days_can_be_listed_and_searched(client, training_officer):
    today = timezone.localdate()
    soon = CertificateFactory(number="RC-2023-00001", trainee=TraineeFactory(name="将到期"),
                              issued_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=10))
    CertificateFactory(number="RC-2023-00002", issued_on=today - dt.timedelta(days=900),
                       expires_on=today + dt.timedelta(days=100))
    CertificateFactory(number="RC-2023-00003", revoked=True, issued_on=today - dt.timedelta(days=1000),
                       expires_on=today + dt.timedelta(days=10))
    CertificateFactory(number="RC-2022-00001", issued_on=today - dt.timedelta(days=1200),
                       expires_on=today - dt.timedelta(days=5))
    client.force_login(training_officer)

    def numbers(query):
        response = client.get(f"/admin/training/certificate/?{query}")
        return sorted(c.number for c in response.context["cl"].result_list)

    assert numbers("expiry=soon") == ["RC-2023-00001"]
    assert numbers("expiry=expired") == ["RC-2022-00001"]
    assert numbers("q=将到期") == ["RC-2023-00001"]
    assert numbers("q=2023-00002") == ["RC-2023-00002"]
    assert client.get("/admin/training/certificate/add/").status_code == 403
    response = act(client, "/admin/training/certificate/", "revoke", [soon])
    assert levels(response) == [constants.SUCCESS]
    soon.refresh_from_db()
    assert soon.revoked and soon.number == "RC-2023-00001"


def test_a_projects_officer_cannot_open_training_pages(client, projects_officer, past_session):
    client.force_login(projects_officer)
    for url in [SESSIONS, f"{SESSIONS}{past_session.pk}/change/", REGISTRATIONS, f"{REGISTRATIONS}import/",
                "/admin/training/trainee/", "/admin/training/certificate/", "/admin/training/base/add/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(SESSIONS, {"action": "mark_held", "_selected_action": [past_session.pk]}).status_code == 403
    past_session.refresh_from_db()
    assert past_session.status == Session.Status.FULL


def test_leadership_sees_training_records_but_changes_nothing(client, leader, past_session):
    client.force_login(leader)
    registration = registration_of(past_session, "甲学员")
    assert client.get(SESSIONS).status_code == 200
    page = client.get(f"{SESSIONS}{past_session.pk}/change/").content.decode()
    assert "甲学员" in page and 'name="_save"' not in page
    assert client.get(f"/admin/training/trainee/{registration.trainee_id}/change/").status_code == 200
    assert client.get(f"{REGISTRATIONS}import/").status_code == 403

    act(client, SESSIONS, "mark_held", [past_session])
    act(client, REGISTRATIONS, "mark_attended", [registration])
    assert client.post(f"{SESSIONS}{past_session.pk}/change/", session_form(past_session, seats=99)).status_code == 403
    past_session.refresh_from_db()
    registration.refresh_from_db()
    assert (past_session.status, past_session.seats, registration.attended) == (Session.Status.FULL, 3, None)
    assert not PersonalDataAccess.objects.exists()
