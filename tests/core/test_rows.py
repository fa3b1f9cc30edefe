"""A row read without the ORM's query building is the instance the ORM gives, locked when asked; a row added
unless it exists is added as save() adds it."""

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from redcross import rows
from tests.training.factories import SessionFactory, TraineeFactory
from training.models import Session, Trainee

pytestmark = pytest.mark.django_db


def values(record) -> dict:
    return {field.attname: getattr(record, field.attname) for field in type(record)._meta.concrete_fields}


def test_a_row_read_is_the_instance_the_orm_reads():
    session = SessionFactory(title="市民应急救护公益课")
    trainee = TraineeFactory()

    read = rows.one(Session, "id = %s", [session.pk])
    assert values(read) == values(Session.objects.get(pk=session.pk))
    assert read.course == session.course and not read._state.adding and read._state.db == "default"
    found = rows.one(Trainee, "name = %s AND mobile = %s", [trainee.name, trainee.mobile])
    assert values(found) == values(Trainee.objects.get(pk=trainee.pk))


def test_no_row_is_none_and_a_locked_read_locks_the_row():
    assert rows.one(Trainee, "name = %s AND mobile = %s", ["无此人", "13800000000"]) is None
    session = SessionFactory()
    with CaptureQueriesContext(connection) as queries:
        rows.one(Session, "id = %s", [session.pk], lock=True)
    [query] = queries.captured_queries
    assert query["sql"].endswith("FOR UPDATE")


def test_a_new_record_is_added_as_save_adds_it_with_its_signals_and_history():
    seen = []

    def receiver(sender, instance, created, **kwargs):
        seen.append((instance.pk, created))

    post_save.connect(receiver, sender=Trainee)
    try:
        trainee = Trainee(name="钱多多", mobile="13800000001", organisation="实验小学")
        assert rows.added(trainee, unique=("name", "mobile"))
    finally:
        post_save.disconnect(receiver, sender=Trainee)

    stored = Trainee.objects.get(pk=trainee.pk)
    assert (stored.name, stored.organisation) == ("钱多多", "实验小学")
    assert stored.created_at == trainee.created_at is not None  # what save() sets on adding, set here too
    assert not trainee._state.adding
    assert seen == [(trainee.pk, True)]
    assert list(stored.history.values_list("history_type", flat=True)) == ["+"]


def test_someone_on_record_is_not_added_again_and_the_transaction_goes_on():
    TraineeFactory(name="孙小美", mobile="13800000002", organisation="")
    with transaction.atomic():
        again = Trainee(name="孙小美", mobile="13800000002", organisation="另一所学校")
        assert not rows.added(again, unique=("name", "mobile"))
        assert again.pk is None
        assert Trainee.objects.filter(name="孙小美").count() == 1  # no error spoilt the transaction
    assert Trainee.objects.get(name="孙小美").organisation == ""


def test_a_locked_row_stays_locked_until_the_transaction_ends(transactional_db):
    import threading

    from django.db import OperationalError, connections

    session = SessionFactory()
    answers = []

    def another_transaction():
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                cursor.execute("SELECT id FROM training_session WHERE id = %s FOR UPDATE NOWAIT", [session.pk])
            answers.append("locked it")
        except OperationalError:
            answers.append("found it locked")
        finally:
            connections["default"].close()

    with transaction.atomic():
        rows.one(Session, "id = %s", [session.pk], lock=True)
        thread = threading.Thread(target=another_transaction)
        thread.start()
        thread.join()
    thread = threading.Thread(target=another_transaction)
    thread.start()
    thread.join()
    assert answers == ["found it locked", "locked it"]
