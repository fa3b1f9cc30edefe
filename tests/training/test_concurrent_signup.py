"""One new person signing up for many sessions at the same moment: one trainee, every sign-up taken, no error."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from tests.training.factories import CourseFactory, SessionFactory, mobile
from training.models import Registration, Trainee
from training.services import SignUp, registration_create


@pytest.mark.django_db(transaction=True)
def test_one_new_person_signing_up_for_ten_sessions_at_once_is_one_trainee_with_ten_sign_ups():
    # Ten courses: sign-ups for sessions of one course wait for each other on the course's row.
    sessions = [SessionFactory(course=CourseFactory(name=f"课程{n}")) for n in range(10)]
    person = SignUp(name="同时报名", mobile=mobile(4242), organisation="实验小学")
    start = threading.Barrier(len(sessions))
    errors = []

    def attempt(session):
        try:
            start.wait()
            registration_create(session=session, person=person, consent=True)
        except Exception as error:  # noqa: BLE001 - every failure is a test failure, reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    trainee = Trainee.objects.get()
    assert (trainee.name, trainee.mobile) == ("同时报名", mobile(4242))
    assert Registration.objects.filter(trainee=trainee, status=Registration.Status.CONFIRMED).count() == 10
    assert set(Registration.objects.values_list("session", flat=True)) == {session.pk for session in sessions}


@pytest.mark.django_db(transaction=True)
def test_staff_adding_a_person_who_signs_up_online_at_that_moment_get_an_answer_each(monkeypatch):
    """The online sign-up writes the registration before locking the session, staff lock it before writing theirs:
    the two wait for each other. PostgreSQL ends one; it is tried again and meets the other's registration."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from training.services import online, registration_add_by_staff

    session = SessionFactory(seats=10)
    officer = get_user_model().objects.create_user("培训干事", password="x")  # noqa: S106
    person = SignUp(name="同时登记", mobile=mobile(4343))
    written, errors = threading.Event(), []
    relocked = online._relocked

    def slow_relock(session):
        if not written.is_set():  # the first attempt only: the registration is written, staff go first
            written.set()
            time.sleep(0.5)
        return relocked(session)

    monkeypatch.setattr(online, "_relocked", slow_relock)

    def run(work):
        try:
            work()
        except ValidationError as error:
            errors.append(error)
        except Exception as error:  # noqa: BLE001 - anything else is a test failure, reported below
            errors.append(error)
        finally:
            connection.close()

    citizen = threading.Thread(target=run, args=(lambda: registration_create(session=session, person=person,
                                                                              consent=True),))
    staff = threading.Thread(target=run, args=(lambda: (written.wait(5), registration_add_by_staff(
        session=session, by=officer, person=person)),))
    citizen.start()
    staff.start()
    citizen.join()
    staff.join()
    close_old_connections()

    # One of the two is registered; the other is told so, in words, and neither meets an error page.
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors
    assert Registration.objects.filter(session=session, trainee__mobile=mobile(4343)).count() == 1


@pytest.mark.django_db
def test_a_registrations_keys_are_checked_at_the_commit():
    """The online sign-up writes its registration before locking the session: checked at once, the key to the
    session would hold a share lock on its row until the commit, and two sign-ups would wait for each other."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, condeferrable AND condeferred FROM pg_constraint "
            "WHERE conrelid = 'training_registration'::regclass AND contype = 'f'"
        )
        keys = dict(cursor.fetchall())
    assert keys and all(keys.values()), keys
