"""The training admin's side doors obey the same rules as the public pages: each step through its service."""

import datetime as dt

import pytest
from django.contrib.messages import constants
from django.utils import timezone

from training.models import Certificate, Registration, Session

from .factories import FirstAiderCourseFactory, RegistrationFactory, SessionFactory, TraineeFactory, resident_id
from .test_admin import REGISTRATIONS, SESSIONS, act, levels, mobile
from .test_roster_import import import_roster

pytestmark = pytest.mark.django_db


def texts(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.fixture
def two_seats():
    """A 2-seat session next week, both seats taken."""
    session = SessionFactory(seats=2, status=Session.Status.FULL)
    RegistrationFactory.create_batch(2, session=session)
    return session


def test_a_third_person_added_by_staff_to_a_two_seat_session_waits(client, training_officer, two_seats):
    client.force_login(training_officer)
    third = TraineeFactory(name="第三人")
    response = client.post(f"{REGISTRATIONS}add/", {"session": two_seats.pk, "trainee": third.pk}, follow=True)
    assert response.status_code == 200
    assert "等候" in texts(response) or "候补" in texts(response)
    assert two_seats.registrations.get(trainee=third).status == Registration.Status.WAITING
    assert two_seats.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_confirming_beyond_the_seats_needs_a_reason_which_is_kept_and_shown(client, training_officer, two_seats):
    waiting = RegistrationFactory(session=two_seats, status=Registration.Status.WAITING,
                                  trainee=TraineeFactory(name="超额学员"))
    client.force_login(training_officer)

    response = act(client, REGISTRATIONS, "confirm", [waiting], reason="")
    assert levels(response) == [constants.ERROR] and "理由" in texts(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING

    response = act(client, REGISTRATIONS, "confirm", [waiting], reason="校长特批")
    assert levels(response) == [constants.SUCCESS]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.beyond_seats_reason, waiting.beyond_seats_by) == (
        Registration.Status.CONFIRMED, "校长特批", training_officer)
    page = client.get(f"{SESSIONS}{two_seats.pk}/change/").content.decode()
    assert "超额学员" in page and "校长特批" in page


def test_a_staff_cancellation_moves_the_first_person_waiting_up(client, training_officer, two_seats):
    first_waiting = RegistrationFactory(session=two_seats, status=Registration.Status.WAITING)
    RegistrationFactory(session=two_seats, status=Registration.Status.WAITING)
    leaving = two_seats.registrations.filter(status=Registration.Status.CONFIRMED).first()
    client.force_login(training_officer)

    response = act(client, REGISTRATIONS, "cancel", [leaving])

    assert levels(response) == [constants.SUCCESS] and first_waiting.trainee.name in texts(response)
    leaving.refresh_from_db()
    first_waiting.refresh_from_db()
    assert (leaving.status, leaving.cancelled_by) == (Registration.Status.CANCELLED, training_officer)
    assert first_waiting.status == Registration.Status.CONFIRMED


def test_a_freed_seat_with_nobody_waiting_reopens_the_session_from_the_admin(client, training_officer, two_seats):
    client.force_login(training_officer)
    act(client, REGISTRATIONS, "cancel", [two_seats.registrations.first()])
    two_seats.refresh_from_db()
    assert two_seats.status == Session.Status.OPEN


def test_the_registration_form_cannot_type_a_status(client, training_officer, two_seats):
    registration = two_seats.registrations.first()
    client.force_login(training_officer)
    client.post(f"{REGISTRATIONS}{registration.pk}/change/", {
        "session": two_seats.pk, "trainee": registration.trainee_id,
        "status": "cancelled", "attended": "true", "passed": "true",
    })
    registration.refresh_from_db()
    assert (registration.status, registration.attended, registration.passed) == ("confirmed", None, None)


def test_the_session_form_cannot_type_a_status(client, training_officer, two_seats):
    from .test_admin import session_form

    client.force_login(training_officer)
    response = client.post(f"{SESSIONS}{two_seats.pk}/change/", {
        **session_form(two_seats, status="held"), **_no_rows(),
    })
    assert response.status_code == 302
    two_seats.refresh_from_db()
    assert two_seats.status == Session.Status.FULL


def _no_rows():
    from tests.admin_forms import inline

    return inline("registrations", [])


def test_passed_is_refused_for_someone_who_did_not_attend(client, training_officer):
    starts = timezone.now() - dt.timedelta(days=2)
    session = SessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=4))
    absent = RegistrationFactory(session=session, attended=False)
    client.force_login(training_officer)

    response = act(client, REGISTRATIONS, "mark_passed", [absent])

    assert levels(response) == [constants.WARNING] and "出勤" in texts(response)
    absent.refresh_from_db()
    assert absent.passed is None


def test_nothing_is_recorded_for_a_session_that_has_not_begun(client, training_officer):
    """20 December's session, on 29 November: no attendance, no "held", no certificate."""
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=timezone.now() + dt.timedelta(days=21))
    registration = RegistrationFactory(session=session, trainee=TraineeFactory(resident_id=resident_id(5)))
    client.force_login(training_officer)

    response = act(client, REGISTRATIONS, "mark_attended", [registration])
    assert levels(response) == [constants.WARNING] and "尚未开始" in texts(response)
    response = act(client, SESSIONS, "mark_held", [session])
    assert levels(response) == [constants.ERROR]
    response = act(client, SESSIONS, "issue_certificates", [session])
    assert levels(response) == [constants.ERROR]

    registration.refresh_from_db()
    session.refresh_from_db()
    assert (registration.attended, session.status, Certificate.objects.count()) == (None, Session.Status.OPEN, 0)


def test_exam_results_wait_until_the_session_has_ended(client, training_officer):
    starts = timezone.now() - dt.timedelta(hours=1)
    session = SessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(days=1))
    registration = RegistrationFactory(session=session)
    client.force_login(training_officer)

    act(client, REGISTRATIONS, "mark_attended", [registration])
    response = act(client, REGISTRATIONS, "mark_passed", [registration])

    registration.refresh_from_db()
    assert (registration.attended, registration.passed) == (True, None)
    assert "结束" in texts(response)


@pytest.fixture
def held_last_week():
    starts = timezone.now() - dt.timedelta(days=7)
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=starts, ends_at=starts + dt.timedelta(days=1),
                             status=Session.Status.HELD)
    RegistrationFactory(session=session, attended=True, passed=True,
                        trainee=TraineeFactory(resident_id=resident_id(7)))
    return session


def test_staff_choose_the_certificate_date_within_the_sessions_days(client, training_officer, held_last_week):
    client.force_login(training_officer)
    too_early = timezone.localdate(held_last_week.starts_at) - dt.timedelta(days=1)
    response = act(client, SESSIONS, "issue_certificates", [held_last_week], issued_on=too_early.isoformat())
    assert levels(response) == [constants.ERROR] and not Certificate.objects.exists()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = act(client, SESSIONS, "issue_certificates", [held_last_week], issued_on=tomorrow.isoformat())
    assert levels(response) == [constants.ERROR] and not Certificate.objects.exists()

    response = act(client, SESSIONS, "issue_certificates", [held_last_week])
    assert levels(response) == [constants.SUCCESS]
    assert Certificate.objects.get().issued_on == timezone.localdate(held_last_week.ends_at)


def test_a_sessions_history_cannot_be_reverted(client, training_officer, held_last_week):
    client.force_login(training_officer)
    version = held_last_week.history.order_by("history_id").first()
    page = client.get(f"{SESSIONS}{held_last_week.pk}/history/{version.history_id}/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(f"{SESSIONS}{held_last_week.pk}/history/{version.history_id}/", {"status": "open"})
    assert response.status_code == 403
    held_last_week.refresh_from_db()
    assert held_last_week.status == Session.Status.HELD


def test_the_roster_import_refuses_an_id_number_already_signed_up_under_another_name(client, training_officer):
    session = SessionFactory(course=FirstAiderCourseFactory(), public_signup=False, status=Session.Status.PLANNED)
    RegistrationFactory(session=session, trainee=TraineeFactory(name="原名", mobile=mobile(1),
                                                                resident_id=resident_id(1)))
    client.force_login(training_officer)

    response = import_roster(client, session, [["改名", mobile(2), resident_id(1), ""]])

    assert response.context.get("confirm_form") is None
    assert "已报名" in response.content.decode()
    assert session.registrations.count() == 1


def test_a_roster_beyond_the_seats_puts_the_rest_on_the_waiting_list(client, training_officer):
    session = SessionFactory(course=FirstAiderCourseFactory(), seats=1, public_signup=False)
    client.force_login(training_officer)
    response = import_roster(client, session, [["甲", mobile(1), resident_id(1), ""],
                                               ["乙", mobile(2), resident_id(2), ""]])
    client.post(f"{REGISTRATIONS}process_import/", response.context["confirm_form"].initial)
    assert dict(session.registrations.values_list("trainee__name", "status")) == {
        "甲": "confirmed", "乙": "waiting"}


def test_the_history_shows_each_step_an_action_took_with_who_and_before_and_after(client, training_officer):
    starts = timezone.now() - dt.timedelta(days=2)
    session = SessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=4))
    registration = RegistrationFactory(session=session)
    client.force_login(training_officer)
    act(client, REGISTRATIONS, "mark_attended", [registration])
    act(client, REGISTRATIONS, "mark_passed", [registration])

    latest = registration.history.order_by("-history_id")
    assert [(record.attended, record.passed, record.history_user) for record in latest[:2]] == [
        (True, True, training_officer), (True, None, training_officer)]
    page = client.get(f"{REGISTRATIONS}{registration.pk}/history/").content.decode()
    assert page.count(training_officer.username) >= 2


def test_a_registration_is_never_deleted_the_waiting_list_moves_up_by_cancelling(client, training_officer,
                                                                                 two_seats):
    waiting = RegistrationFactory(session=two_seats, status=Registration.Status.WAITING)
    confirmed = two_seats.registrations.filter(status=Registration.Status.CONFIRMED).first()
    client.force_login(training_officer)
    client.post(REGISTRATIONS, {"action": "delete_selected", "_selected_action": [confirmed.pk], "post": "yes"})
    assert client.post(f"{REGISTRATIONS}{confirmed.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Registration.objects.filter(pk=confirmed.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING


def test_a_session_with_sign_ups_is_cancelled_not_deleted(client, training_officer, two_seats):
    client.force_login(training_officer)
    page = client.get(f"{SESSIONS}{two_seats.pk}/delete/").content.decode()
    assert "报名" in page  # the delete page names the sign-ups that stand in the way
    assert client.post(f"{SESSIONS}{two_seats.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(SESSIONS, {"action": "delete_selected", "_selected_action": [two_seats.pk], "post": "yes"})
    assert Session.objects.filter(pk=two_seats.pk).exists()
    empty = SessionFactory()
    client.post(f"{SESSIONS}{empty.pk}/delete/", {"post": "yes"})
    assert not Session.objects.filter(pk=empty.pk).exists()


def test_more_seats_move_the_waiting_list_up_at_once(client, training_officer, two_seats):
    from tests.admin_forms import inline

    from .test_admin import session_form

    first, second = (RegistrationFactory(session=two_seats, status=Registration.Status.WAITING) for _ in range(2))
    client.force_login(training_officer)
    response = client.post(f"{SESSIONS}{two_seats.pk}/change/", {
        **session_form(two_seats, seats=3), **inline("registrations", [])})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    two_seats.refresh_from_db()
    assert (first.status, second.status, two_seats.status) == ("confirmed", "waiting", Session.Status.FULL)


def test_a_roster_with_only_the_required_columns_imports(client, training_officer):
    from tests.spreadsheets import xlsx

    session = SessionFactory(public_signup=False)
    client.force_login(training_officer)
    response = client.post(f"{REGISTRATIONS}import/", {
        "session": session.pk, "format": "0", "resource": "0",
        "import_file": xlsx([["姓名", "手机号码"], ["两列", mobile(3)]])})
    assert response.context.get("confirm_form") is not None, response.content.decode()[-3000:]
    client.post(f"{REGISTRATIONS}process_import/", response.context["confirm_form"].initial)
    assert list(session.registrations.values_list("trainee__name", flat=True)) == ["两列"]
