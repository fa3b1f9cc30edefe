"""What citizens are told by text message about their sign-ups and certificates: once each, in Chinese, no ID."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from redcross.models import TextMessage
from redcross.sms.backends import LocmemBackend
from tests.training.factories import (
    BaseFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    at,
    mobile,
    resident_id,
)
from training import services
from training.models import Registration, Session
from training.services import SignUp

pytestmark = pytest.mark.django_db
Kind = TextMessage.Kind
SIGNATURE = "【某市红十字会】"
SITE = "https://redcross.example.cn"


@pytest.fixture
def sent(settings):
    """Messages sent at once to the in-memory backend, which keeps them."""
    settings.SMS_SEND_INLINE = True
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SIGN_NAME = "某市红十字会"
    settings.PUBLIC_BASE_URL = SITE
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


@pytest.fixture
def two_day_session():
    """A session from 20 December 09:00 to 21 December 17:00, at a base, with two seats."""
    return SessionFactory(title="市民应急救护公益课", base=BaseFactory(name="滨江救护培训基地"), seats=2,
                          starts_at=at("2099-12-20 09:00"), ends_at=at("2099-12-21 17:00"))


def person(n: int, **values) -> SignUp:
    return SignUp(**{"name": f"市民{n}", "mobile": mobile(n), **values})


def sign_up(session, n: int, capture, **values) -> Registration:
    with capture(execute=True):
        return services.registration_create(session=session, person=person(n, **values), consent=True)


def texts(kind=None) -> list[TextMessage]:
    messages = TextMessage.objects.order_by("pk")
    return list(messages.filter(kind=kind) if kind else messages)


def test_a_confirmed_sign_up_is_told_once_the_title_both_days_and_the_place(
        sent, two_day_session, django_capture_on_commit_callbacks):
    registration = sign_up(two_day_session, 1, django_capture_on_commit_callbacks)

    [message] = texts()
    assert (message.kind, message.mobile, message.key, message.subject) == (
        Kind.SIGNUP_CONFIRMED, mobile(1), f"signup:{registration.pk}", registration)
    assert message.text.startswith(SIGNATURE)
    for words in ("市民1", "市民应急救护公益课", "2099年12月20日 09:00", "12月21日 17:00", "滨江救护培训基地"):
        assert words in message.text
    values = dict(message.params)
    assert values == {"name": "市民1", "title": "市民应急救护公益课", "time": values["time"],
                      "place": "滨江救护培训基地"}
    assert "2099年12月20日" in values["time"] and "12月21日" in values["time"]
    assert [(sms.mobile, sms.text) for sms in sent] == [(mobile(1), message.text)]
    # The provider gets the template's values in its order (Tencent's templates number them).
    assert list(sent[0].params) == ["name", "title", "time", "place"]
    assert message.status == TextMessage.Status.SENT


def test_people_on_the_waiting_list_are_told_their_position(sent, two_day_session, django_capture_on_commit_callbacks):
    for n in range(4):
        sign_up(two_day_session, n, django_capture_on_commit_callbacks)

    assert [message.mobile for message in texts(Kind.SIGNUP_CONFIRMED)] == [mobile(0), mobile(1)]
    waiting = texts(Kind.SIGNUP_WAITING)
    assert [(message.mobile, dict(message.params)["position"]) for message in waiting] == [(mobile(2), "1"),
                                                                                     (mobile(3), "2")]
    assert list(sent[3].params) == ["name", "title", "time", "position"]
    assert "市民应急救护公益课" in waiting[1].text and "12月21日" in waiting[1].text
    assert re.search(r"第\s*2\s*位|number 2 on the waiting list", waiting[1].text)
    assert len(sent) == 4


def test_a_refused_or_rolled_back_sign_up_tells_nobody(sent, two_day_session, django_capture_on_commit_callbacks):
    sign_up(two_day_session, 1, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="我的报名|My sign-ups"):
        sign_up(two_day_session, 1, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.registration_create(session=two_day_session, person=person(2), consent=True)
        raise RuntimeError("the page failed after the sign-up")
    closed = SessionFactory(status=Session.Status.PLANNED)
    with pytest.raises(ValidationError):
        sign_up(closed, 3, django_capture_on_commit_callbacks)

    assert [message.mobile for message in texts()] == [mobile(1)]
    assert [sms.mobile for sms in sent] == [mobile(1)]


def test_a_cancelled_seat_goes_to_the_first_person_waiting_who_alone_is_told(
        sent, two_day_session, django_capture_on_commit_callbacks):
    confirmed = [sign_up(two_day_session, n, django_capture_on_commit_callbacks) for n in range(2)]
    first_waiting, second_waiting = (sign_up(two_day_session, n, django_capture_on_commit_callbacks)
                                     for n in range(2, 4))

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=confirmed[0])
        services.registration_cancel(registration=confirmed[0])

    assert promoted == first_waiting and promoted.trainee.name == "市民2"
    [message] = texts(Kind.PROMOTED)
    assert (message.mobile, message.key, message.subject) == (mobile(2), f"promoted:{first_waiting.pk}",
                                                              first_waiting)
    for words in ("市民应急救护公益课", "2099年12月20日", "12月21日", "滨江救护培训基地"):
        assert words in message.text
    assert not TextMessage.objects.filter(mobile=mobile(3)).exclude(kind=Kind.SIGNUP_WAITING).exists()
    assert sent[-1].mobile == mobile(2) and sent[-1].kind == Kind.PROMOTED
    second_waiting.refresh_from_db()
    assert second_waiting.status == Registration.Status.WAITING


def test_more_seats_move_the_people_waiting_up_and_tell_them_once(
        sent, two_day_session, training_officer, django_capture_on_commit_callbacks):
    for n in range(4):
        sign_up(two_day_session, n, django_capture_on_commit_callbacks)
    session = Session.objects.get(pk=two_day_session.pk)
    session.seats = 5

    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(session=session, by=training_officer)
        services.session_save(session=session, by=training_officer)

    assert sorted(message.mobile for message in texts(Kind.PROMOTED)) == [mobile(2), mobile(3)]
    assert texts(Kind.SESSION_CHANGED) == []
    assert {message.queued_by for message in texts(Kind.PROMOTED)} == {training_officer}


def test_staff_confirming_someone_from_the_waiting_list_tells_them(
        sent, two_day_session, training_officer, django_capture_on_commit_callbacks):
    for n in range(3):
        sign_up(two_day_session, n, django_capture_on_commit_callbacks)
    waiting = Registration.objects.get(trainee__name="市民2")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=waiting, by=training_officer, reason="校长特批")
    assert [message.mobile for message in texts(Kind.PROMOTED)] == [mobile(2)]


def test_a_new_time_or_place_is_told_once_to_each_person_signed_up(
        sent, two_day_session, training_officer, django_capture_on_commit_callbacks):
    for n in range(3):
        sign_up(two_day_session, n, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=Registration.objects.get(trainee__name="市民0"))
    session = Session.objects.get(pk=two_day_session.pk)
    session.starts_at, session.ends_at = at("2099-12-27 09:00"), at("2099-12-28 12:00")

    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(session=session, by=training_officer)
        services.session_save(session=session, by=training_officer)  # saved again, nothing changed

    changed = texts(Kind.SESSION_CHANGED)
    assert sorted(message.mobile for message in changed) == [mobile(1), mobile(2)]  # not the one who cancelled
    for words in ("市民应急救护公益课", "2099年12月27日 09:00", "12月28日 12:00", "滨江救护培训基地"):
        assert all(words in message.text for message in changed)

    session.base, session.venue = None, "实验小学报告厅"
    with django_capture_on_commit_callbacks(execute=True):
        services.session_save(session=session, by=training_officer)
    moved = texts(Kind.SESSION_CHANGED)[2:]
    assert sorted(message.mobile for message in moved) == [mobile(1), mobile(2)]
    assert all("实验小学报告厅" in message.text for message in moved)


def test_cancelling_the_session_tells_everyone_confirmed_or_waiting(
        sent, two_day_session, training_officer, django_capture_on_commit_callbacks):
    for n in range(4):
        sign_up(two_day_session, n, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=Registration.objects.get(trainee__name="市民3"))
        services.session_cancel(session=two_day_session, by=training_officer)

    cancelled = texts(Kind.SESSION_CANCELLED)
    assert sorted(message.mobile for message in cancelled) == [mobile(0), mobile(1), mobile(2)]
    assert all("市民应急救护公益课" in message.text and "12月21日" in message.text for message in cancelled)
    assert {sms.kind for sms in sent[-3:]} == {Kind.SESSION_CANCELLED}


def test_staff_registering_someone_tell_them_unless_the_session_is_past(
        sent, two_day_session, training_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_add_by_staff(session=two_day_session, by=training_officer,
                                                          person=person(5))
        past = SessionFactory(starts_at=at("2020-05-01 09:00"), ends_at=at("2020-05-01 12:00"))
        services.registration_add_by_staff(session=past, by=training_officer, person=person(6))

    [message] = texts()
    assert (message.kind, message.mobile, message.key, message.queued_by) == (
        Kind.SIGNUP_CONFIRMED, mobile(5), f"signup:{registration.pk}", training_officer)


def test_a_certificate_holder_is_told_its_number_and_where_to_check_it(
        sent, past_session, training_officer, django_capture_on_commit_callbacks):
    past_session.registrations.filter(status=Registration.Status.CONFIRMED).update(attended=True, passed=True)
    held = services.session_hold(session=past_session, by=training_officer)

    with django_capture_on_commit_callbacks(execute=True):
        issued = services.certificates_issue(session=held, by=training_officer)

    told = texts(Kind.CERTIFICATE_ISSUED)
    assert len(told) == len(issued) == 3
    for certificate, message in zip(issued, sorted(told, key=lambda message: message.subject_id), strict=True):
        assert (message.mobile, message.key, message.subject) == (
            certificate.trainee.mobile, f"certificate:{certificate.pk}", certificate)
        assert certificate.number in message.text and "救护员培训" in message.text
        assert f"{SITE}/training/certificates/" in message.text and certificate.token not in message.text
    assert texts(Kind.SESSION_CHANGED) == texts(Kind.PROMOTED) == []  # a session held long ago tells nothing else


def test_no_message_carries_an_id_number(sent, training_officer, django_capture_on_commit_callbacks):
    course = FirstAiderCourseFactory()
    session = SessionFactory(course=course, seats=1, starts_at=at("2099-12-20 09:00"),
                             ends_at=at("2099-12-21 17:00"))
    numbers = [resident_id(n) for n in (41, 42)]
    first = sign_up(session, 41, django_capture_on_commit_callbacks, resident_id=numbers[0])
    sign_up(session, 42, django_capture_on_commit_callbacks, resident_id=numbers[1])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
        session = Session.objects.get(pk=session.pk)
        session.venue, session.base = "社区服务中心", None
        services.session_save(session=session, by=training_officer)
        services.session_cancel(session=session, by=training_officer)
    held = SessionFactory(course=course, status=Session.Status.HELD, starts_at=at("2025-05-01 09:00"),
                          ends_at=at("2025-05-01 17:00"))
    RegistrationFactory(session=held, attended=True, passed=True,
                        trainee=TraineeFactory(name="持证人", mobile=mobile(43), resident_id=resident_id(43)))
    with django_capture_on_commit_callbacks(execute=True):
        services.certificates_issue(session=held, by=training_officer)

    assert {message.kind for message in texts()} == {
        Kind.SIGNUP_CONFIRMED, Kind.SIGNUP_WAITING, Kind.PROMOTED, Kind.SESSION_CHANGED, Kind.SESSION_CANCELLED,
        Kind.CERTIFICATE_ISSUED}
    for message in texts():
        everything = message.text + " ".join(dict(message.params).values())
        assert not re.search(r"\d{17}[\dX]", everything), message.text
        assert not any(number[-8:] in everything for number in (*numbers, resident_id(43)))
    assert len(sent) == len(texts())


def test_a_message_is_in_chinese_whatever_the_language_of_the_page(
        sent, two_day_session, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/training/sessions/{two_day_session.pk}/sign-up/", {
            "name": "市民8", "mobile": mobile(8), "organisation": "", "consent": "on"})
    assert response.status_code == 302
    [message] = texts()
    assert "2099年12月20日" in message.text and "Dec" not in message.text


def test_nothing_is_told_about_a_session_that_has_begun(sent, training_officer):
    session = SessionFactory(starts_at=at("2020-05-01 09:00"), ends_at=at("2020-05-01 12:00"), seats=1)
    RegistrationFactory(session=session)
    RegistrationFactory(session=session, status=Registration.Status.WAITING)
    session.seats = 2
    services.session_save(session=session, by=training_officer)
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 2
    assert texts() == []
