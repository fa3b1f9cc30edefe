import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from tests.training.factories import FirstAiderCourseFactory, SessionFactory, mobile, resident_id
from training.models import Registration, Session, Trainee
from training.services import SignUp, registration_cancel, registration_create, waiting_position

Status = Registration.Status


def person(n: int, **values) -> SignUp:
    return SignUp(**{"name": f"市民{n}", "mobile": mobile(n), "resident_id": "", **values})


def sign_up(session, n, **values):
    return registration_create(session=session, person=person(n, **values), consent=True)


@pytest.mark.django_db
def test_seats_are_confirmed_then_people_wait_in_order():
    session = SessionFactory(seats=2)
    first, second, third, fourth = (sign_up(session, n) for n in range(4))
    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [waiting_position(third), waiting_position(fourth)] == [1, 2]
    session.refresh_from_db()
    assert session.status == Session.Status.FULL
    assert len({first.code, second.code, third.code, fourth.code}) == 4


@pytest.mark.django_db
def test_cancelling_a_confirmed_seat_moves_the_first_waiting_person_up():
    session = SessionFactory(seats=1)
    confirmed, waiting_first, waiting_second = (sign_up(session, n) for n in range(3))
    promoted = registration_cancel(registration=confirmed)
    assert promoted == waiting_first
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {confirmed.pk: "cancelled", waiting_first.pk: "confirmed", waiting_second.pk: "waiting"}
    assert registration_cancel(registration=confirmed) is None


@pytest.mark.django_db
def test_a_freed_seat_with_nobody_waiting_reopens_the_session():
    session = SessionFactory(seats=1)
    registration_cancel(registration=sign_up(session, 1))
    session.refresh_from_db()
    assert session.status == Session.Status.OPEN
    assert sign_up(session, 2).status == Status.CONFIRMED


@pytest.mark.django_db
def test_a_person_cannot_sign_up_twice_for_one_session():
    session = SessionFactory()
    sign_up(session, 7)
    with pytest.raises(ValidationError, match="已报名"):
        sign_up(session, 7)
    assert Registration.objects.count() == 1
    assert Trainee.objects.count() == 1


@pytest.mark.django_db
def test_the_same_id_number_under_another_name_and_phone_is_another_sign_up():
    """The name and mobile number are the person: an ID number someone else gave refuses nobody (staff check it)."""
    session = SessionFactory(course=FirstAiderCourseFactory())
    first = sign_up(session, 7, resident_id=resident_id(7))
    second = sign_up(session, 8, resident_id=resident_id(7))
    assert first.trainee != second.trainee
    assert {first.status, second.status} == {Status.CONFIRMED}


@pytest.mark.django_db
def test_signing_up_again_after_cancelling_is_allowed():
    session = SessionFactory()
    registration_cancel(registration=sign_up(session, 7))
    assert sign_up(session, 7).status == Status.CONFIRMED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"mobile": "1380013800"}, "mobile", "11位手机号码"),
        ({"mobile": "23800138000"}, "mobile", "11位手机号码"),
        ({"resident_id": "320621199003071230"}, "resident_id", "校验码不符"),
        ({"resident_id": "32062119901307123X"}, "resident_id", "出生日期"),
        ({"resident_id": "12345"}, "resident_id", "18位"),
    ],
)
def test_bad_personal_data_is_named_and_nothing_is_saved(values, field, message):
    session = SessionFactory()
    with pytest.raises(ValidationError) as error:
        sign_up(session, 1, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not Registration.objects.exists() and not Trainee.objects.exists()


@pytest.mark.django_db
def test_a_certifying_course_needs_the_id_number():
    session = SessionFactory(course=FirstAiderCourseFactory())
    with pytest.raises(ValidationError) as error:
        sign_up(session, 1)
    assert "身份证号码" in error.value.message_dict["resident_id"][0]
    assert sign_up(session, 2, resident_id=resident_id(2)).status == Status.CONFIRMED


@pytest.mark.django_db
def test_consent_is_required():
    with pytest.raises(ValidationError) as error:
        registration_create(session=SessionFactory(), person=person(1), consent=False)
    assert "consent" in error.value.message_dict
    assert not Registration.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"public_signup": False},
        {"status": Session.Status.PLANNED},
        {"status": Session.Status.CANCELLED},
        {"signup_deadline": timezone.now() - dt.timedelta(minutes=1)},
    ],
)
def test_sign_up_is_refused_when_closed(values):
    session = SessionFactory(**values)
    with pytest.raises(ValidationError, match="报名已截止"):
        sign_up(session, 1)


@pytest.mark.django_db
def test_a_session_that_has_begun_cannot_be_cancelled_online():
    session = SessionFactory()
    registration = sign_up(session, 1)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(ValidationError):
        registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_sign_ups_for_thirty_seats_confirm_exactly_thirty():
    session = SessionFactory(seats=30)
    start = threading.Barrier(50)
    errors = []

    def attempt(n):
        try:
            start.wait()
            sign_up(session, 100 + n)
        except Exception as error:  # noqa: BLE001 - every failure is a test failure, reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    registrations = Registration.objects.filter(session=session)
    assert registrations.filter(status=Status.CONFIRMED).count() == 30
    assert registrations.filter(status=Status.WAITING).count() == 20
    session.refresh_from_db()
    assert session.status == Session.Status.FULL


@pytest.mark.django_db
def test_a_confirmation_code_drawn_twice_is_drawn_again_and_the_sign_up_goes_through(monkeypatch):
    session = SessionFactory(seats=5)
    first = sign_up(session, 1)
    codes = iter([first.code])
    draw = Registration.new_code
    monkeypatch.setattr(Registration, "new_code", staticmethod(lambda: next(codes, None) or draw()))

    second = sign_up(session, 2, organisation="实验小学")

    assert second.code != first.code
    assert Registration.objects.get(pk=second.pk).status == Status.CONFIRMED
    assert Trainee.objects.get(name="市民2").organisation == "实验小学"
    assert Registration.objects.get(pk=first.pk).code == first.code
