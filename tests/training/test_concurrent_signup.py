"""One new person signing up for many sessions at the same moment: one trainee, every sign-up taken, no error."""

import threading

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
