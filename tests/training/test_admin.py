"""The training staff's admin: sessions, attendance, certificates, documents, rosters and personal data."""

import datetime as dt
import io
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import constants
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from tests.admin_forms import inline
from tests.factories import StaffFactory
from training.models import Certificate, PersonalDataAccess, Registration, Session, Trainee
from training.resources import RosterImportResource

from .factories import (
    BaseFactory,
    CertificateFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    mobile,
    resident_id,
)

pytestmark = pytest.mark.django_db
SESSIONS = "/admin/training/session/"
REGISTRATIONS = "/admin/training/registration/"


def grant_personal_data(user):
    user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    return type(user).objects.get(pk=user.pk)  # a fresh user: permissions are cached on the instance


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


def masked_id(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def masked_mobile(number: str) -> str:
    return number[:3] + "****" + number[-4:]


@pytest.fixture
def past_session():
    """A certifying session that took place last week, with three confirmed trainees and one waiting."""
    starts = timezone.now() - dt.timedelta(days=7)
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=starts, ends_at=starts + dt.timedelta(hours=8),
                             status=Session.Status.FULL, seats=3)
    for n, name in enumerate(["甲学员", "乙学员", "丙学员"], start=1):
        RegistrationFactory(session=session, trainee=TraineeFactory(name=name, mobile=mobile(n),
                                                                    resident_id=resident_id(n)))
    RegistrationFactory(session=session, status=Registration.Status.WAITING,
                        trainee=TraineeFactory(name="候补学员", mobile=mobile(9), resident_id=resident_id(9)))
    return session


def registration_of(session, name) -> Registration:
    return session.registrations.get(trainee__name=name)


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


def roster_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.values)


def test_the_excel_roster_shows_numbers_masked_and_logs_nothing(client, training_officer, past_session):
    client.force_login(training_officer)
    rows = roster_rows(act(client, SESSIONS, "export_roster", [past_session]))

    assert len(rows) == 1 + 4  # header, three confirmed, one waiting
    first = next(row for row in rows if "甲学员" in row)
    assert masked_mobile(mobile(1)) in first and masked_id(resident_id(1)) in first
    assert not any(mobile(1) in row or resident_id(1) in row for row in rows)
    assert not PersonalDataAccess.objects.exists()


def test_staff_allowed_to_see_personal_data_get_whole_numbers_and_each_time_is_logged(client, training_officer,
                                                                                     past_session):
    officer = grant_personal_data(training_officer)
    client.force_login(officer)
    trainee = registration_of(past_session, "甲学员").trainee

    rows = roster_rows(act(client, SESSIONS, "export_roster", [past_session]))
    first = next(row for row in rows if "甲学员" in row)
    assert mobile(1) in first and resident_id(1) in first
    assert PersonalDataAccess.objects.filter(user=officer).count() == 4
    assert set(PersonalDataAccess.objects.values_list("trainee__name", flat=True)) == {
        "甲学员", "乙学员", "丙学员", "候补学员"}

    page = client.get(f"/admin/training/trainee/{trainee.pk}/change/").content.decode()
    assert mobile(1) in page and resident_id(1) in page
    assert PersonalDataAccess.objects.filter(user=officer, trainee=trainee).count() == 2

    # The lists stay masked even for them, and showing a list is not an access to log.
    page = client.get("/admin/training/trainee/").content.decode()
    assert masked_mobile(mobile(1)) in page and mobile(1) not in page
    assert PersonalDataAccess.objects.count() == 5


def test_staff_allowed_to_see_personal_data_may_correct_an_id_number(client, training_officer):
    officer = grant_personal_data(training_officer)
    client.force_login(officer)
    trainee = TraineeFactory(name="张三", mobile=mobile(1), resident_id=resident_id(1))

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "张三", "mobile": mobile(2), "resident_id": resident_id(2), "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.mobile, trainee.resident_id) == (mobile(2), resident_id(2))

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "张三", "mobile": mobile(2), "resident_id": resident_id(3)[:-1] + "0", "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 200
    assert "身份证号码最后一位校验码不符" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.resident_id == resident_id(2)


def test_without_the_permission_numbers_are_masked_everywhere_and_cannot_be_edited(client, training_officer,
                                                                                   past_session):
    assert not training_officer.has_perm("training.view_personal_data")
    client.force_login(training_officer)
    registration = registration_of(past_session, "甲学员")
    trainee = registration.trainee
    CertificateFactory(trainee=trainee, session=past_session, course=past_session.course)
    whole = (mobile(1), resident_id(1))

    for url in ["/admin/training/trainee/", f"/admin/training/trainee/{trainee.pk}/change/", REGISTRATIONS,
                f"{REGISTRATIONS}{registration.pk}/change/", f"{SESSIONS}{past_session.pk}/change/",
                "/admin/training/certificate/"]:
        page = client.get(url).content.decode()
        assert not any(number in page for number in whole), url
        assert masked_mobile(mobile(1)) in page or masked_id(resident_id(1)) in page, url

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "甲学员", "mobile": mobile(5), "resident_id": resident_id(5), "organisation": "市第一中学",
        **inline("registrations", [{"id": registration.pk}], initial=1),
    })
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.mobile, trainee.resident_id, trainee.organisation) == (mobile(1), resident_id(1), "市第一中学")
    assert not PersonalDataAccess.objects.exists()


def test_the_trainee_history_masks_a_changed_mobile_number(client, training_officer, trainee_with_changed_mobile):
    trainee = trainee_with_changed_mobile
    client.force_login(training_officer)
    page = client.get(f"/admin/training/trainee/{trainee.pk}/history/").content.decode()
    assert masked_mobile(mobile(31)) in page
    assert mobile(30) not in page and mobile(31) not in page


@pytest.fixture
def trainee_with_changed_mobile(client):
    """A trainee whose mobile number a superuser (who sees personal data) changed once."""
    admin_user = StaffFactory(username="root", is_superuser=True)
    assert admin_user.has_perm("training.view_personal_data")
    client.force_login(admin_user)
    trainee = TraineeFactory(name="改号学员", mobile=mobile(30), resident_id=resident_id(30))
    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": trainee.name, "mobile": mobile(31), "resident_id": trainee.resident_id, "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 302
    client.logout()
    return trainee


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("外单位名单.xlsx", buffer.getvalue())


HEADERS = [field.column_name for field in RosterImportResource().get_import_fields()]


def import_roster(client, session, rows):
    return client.post(f"{REGISTRATIONS}import/", {"session": session.pk, "format": "0", "resource": "0",
                                                   "import_file": xlsx([HEADERS, *rows])})


@pytest.fixture
def outside_session():
    return SessionFactory(course=FirstAiderCourseFactory(), base=None, venue="市第一中学", public_signup=False,
                          status=Session.Status.PLANNED)


def test_a_roster_with_a_bad_id_number_shows_the_row_and_imports_nothing(client, training_officer,
                                                                         outside_session):
    client.force_login(training_officer)
    bad_id = resident_id(2)[:-1] + ("0" if resident_id(2)[-1] != "0" else "1")
    response = import_roster(client, outside_session, [
        ["张三", mobile(1), resident_id(1), "市第一中学"],
        ["李四", mobile(2), bad_id, "市第一中学"],
        ["王五", "1380000", resident_id(3), ""],
        ["赵六", mobile(4), "", ""],
    ])

    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [3, 4, 5]  # as Excel numbers the rows
    resident_id_column, mobile_column = HEADERS[2], HEADERS[1]
    assert [list(row.field_specific_errors) for row in result.invalid_rows] == [
        [resident_id_column], [mobile_column], [resident_id_column]]
    page = response.content.decode()
    assert "身份证号码最后一位校验码不符" in page and "请输入以13至19开头的11位手机号码" in page
    assert bad_id not in page and resident_id(1) not in page  # the preview shows numbers masked
    assert not Registration.objects.exists() and not Trainee.objects.exists()


def test_a_good_roster_is_previewed_then_imported_once(client, training_officer, outside_session):
    known = TraineeFactory(name="张三", mobile=mobile(1), resident_id=resident_id(1), organisation="")
    client.force_login(training_officer)
    rows = [["张三", mobile(1), resident_id(1), "市第一中学"], ["李四", int(mobile(2)), resident_id(2), "市第一中学"]]

    response = import_roster(client, outside_session, rows)
    assert not Registration.objects.exists()
    confirm = response.context["confirm_form"]
    assert confirm.initial["session"] == outside_session.pk
    response = client.post(f"{REGISTRATIONS}process_import/", confirm.initial)
    assert response.status_code == 302

    registrations = outside_session.registrations.select_related("trainee").order_by("trainee__name")
    assert [(r.trainee.name, r.trainee.mobile, r.status) for r in registrations] == [
        ("张三", mobile(1), "confirmed"), ("李四", mobile(2), "confirmed")]
    assert registrations[0].trainee == known
    known.refresh_from_db()
    assert known.organisation == "市第一中学"
    assert len({r.code for r in registrations}) == 2

    response = import_roster(client, outside_session, rows)
    client.post(f"{REGISTRATIONS}process_import/", response.context["confirm_form"].initial)
    assert outside_session.registrations.count() == 2 and Trainee.objects.count() == 2


def test_the_session_page_links_to_the_roster_import_for_that_session(client, training_officer, outside_session):
    client.force_login(training_officer)
    page = client.get(f"{SESSIONS}{outside_session.pk}/change/").content.decode()
    assert f"{REGISTRATIONS}import/?session={outside_session.pk}" in page
    form = client.get(f"{REGISTRATIONS}import/?session={outside_session.pk}").context["form"]
    assert form["session"].value() == outside_session.pk


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


def test_the_personal_data_log_is_read_only(client, training_officer):
    entry = PersonalDataAccess.objects.create(user=training_officer, trainee=TraineeFactory(), what="测试")
    client.force_login(training_officer)
    assert client.get("/admin/training/personaldataaccess/").status_code == 200
    assert client.get("/admin/training/personaldataaccess/add/").status_code == 403
    assert client.post(f"/admin/training/personaldataaccess/{entry.pk}/change/", {"what": "改"}).status_code == 403
    assert client.post(f"/admin/training/personaldataaccess/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.what == "测试"


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
