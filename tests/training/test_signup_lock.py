"""The session's row lock is held for as few statements as possible: the trainee, the registration and the history
rows are written outside it, so that a crowd signing up for one session queues only on the seat itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.training.factories import SessionFactory, mobile
from training.models import Registration
from training.services import SignUp, registration_create

pytestmark = pytest.mark.django_db


def statements(session, n: int) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        registration_create(session=session, person=SignUp(name=f"市民{n}", mobile=mobile(900 + n)), consent=True)
    return [query["sql"] for query in queries.captured_queries]


def test_the_lock_is_held_for_the_seat_alone():
    session = SessionFactory(seats=1)
    for n, expected in enumerate([Registration.Status.CONFIRMED, Registration.Status.WAITING]):
        sql = statements(session, n)
        locked = next(index for index, text in enumerate(sql) if "FOR UPDATE" in text)
        # The sign-up's transaction (a savepoint inside the test's) ends at the first release after the lock.
        released = next(index for index, text in enumerate(sql) if index > locked and text.startswith("RELEASE"))
        before, under_lock, after = sql[:locked], sql[locked + 1:released], sql[released:]
        # The trainee and the registration (on the waiting list) are written before the lock is taken.
        assert any('INSERT INTO "training_trainee"' in text for text in before)
        assert any('INSERT INTO "training_registration"' in text for text in before)
        # Under it: the seats taken, counted, and the seat given if one is free; and once, as the last seat goes, the
        # session's new status (the reports read its stored row first, to see what changed).
        assert len(under_lock) == (4 if n == 0 else 1), "\n".join(under_lock)
        assert "count(*)" in under_lock[0]
        assert n == 1 or under_lock[1].startswith("UPDATE training_registration SET status")
        assert all("INSERT" not in text for text in under_lock)
        registration = Registration.objects.get(trainee__name=f"市民{n}")
        assert registration.status == expected
        # One history row each, written once the lock was released, with the registration's final status.
        assert list(registration.history.values_list("status", "history_type")) == [(expected, "+")]
        assert registration.trainee.history.count() == 1
        for table in ("training_historicaltrainee", "training_historicalregistration"):
            assert any(f'INSERT INTO "{table}"' in text for text in after), table
    session.refresh_from_db()
    assert session.status == "full" and session.history.filter(status="full").exists()


def test_a_refused_second_sign_up_leaves_the_person_as_they_were():
    from django.core.exceptions import ValidationError

    from training.models import Trainee

    session = SessionFactory(seats=5)
    registration_create(session=session, person=SignUp(name="赵敏", mobile=mobile(950)), consent=True)
    with pytest.raises(ValidationError):
        registration_create(session=session, person=SignUp(name="赵敏", mobile=mobile(950), organisation="实验小学"),
                            consent=True)
    assert Trainee.objects.get(name="赵敏").organisation == ""


def test_the_sign_up_is_on_disk_before_anyone_is_answered_with_one_wait_for_the_disk(transactional_db):
    """The sign-up's own commit does not wait for the disk (the lock is not held while it writes): the transaction
    after it, which writes the history rows and the text message and does wait, puts both on the disk."""
    from redcross.models import BranchProfile, TextMessage

    BranchProfile.load()  # the branch's profile, there in any running portal, signs the message
    sql = statements(SessionFactory(seats=5), 1)
    commits = [index for index, text in enumerate(sql) if text == "COMMIT"]
    assert len(commits) == 2, "\n".join(sql)
    signed_up, afterwards = sql[:commits[0]], sql[commits[0] + 1:commits[1]]
    assert signed_up[1] == "SET LOCAL synchronous_commit TO OFF", "\n".join(sql)
    assert any("FOR UPDATE" in text for text in signed_up)
    assert not any("synchronous_commit" in text for text in sql[commits[0]:])
    for table in ("training_historicaltrainee", "training_historicalregistration", "redcross_textmessage"):
        assert any(f'INSERT INTO "{table}"' in text for text in afterwards), table
    # The registration is new: no message can have been queued under its key, and no savepoint guards the insert.
    assert not any(text.startswith("SAVEPOINT") for text in afterwards), "\n".join(afterwards)
    assert TextMessage.objects.get().mobile == mobile(901)


def test_in_a_caller_s_transaction_the_sign_up_commits_with_it_as_every_commit_does():
    assert not any("synchronous_commit" in text for text in statements(SessionFactory(seats=5), 2))


@pytest.mark.parametrize("failure", ["python", "database"])
def test_a_message_that_cannot_be_queued_leaves_the_sign_up_and_its_history(transactional_db, monkeypatch, caplog,
                                                                           failure):
    """Outside any transaction, as a citizen's sign-up runs: the history rows are written on their own then (their
    commit is the one that waits for the disk), whatever went wrong, even a statement that spoils the transaction."""
    from redcross.models import TextMessage
    from training.services import online

    def fails(registration):
        if failure == "database":
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM no_such_table")
        raise RuntimeError("the text could not be built")

    monkeypatch.setattr(online, "_tell_signed_up", fails)
    registration = registration_create(session=SessionFactory(seats=5),
                                       person=SignUp(name="市民7", mobile=mobile(907)), consent=True)

    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.history.count() == 1 and registration.trainee.history.count() == 1
    assert not TextMessage.objects.exists()
    assert f"No text message could be queued for registration {registration.pk}" in caplog.text


def test_in_a_caller_s_transaction_a_message_that_cannot_be_queued_spoils_nothing(monkeypatch):
    from training.services import online

    def fails(registration):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(online, "_tell_signed_up", fails)
    registration = registration_create(session=SessionFactory(seats=5),
                                       person=SignUp(name="市民8", mobile=mobile(908)), consent=True)
    assert Registration.objects.get(pk=registration.pk).history.count() == 1  # the caller's transaction goes on
