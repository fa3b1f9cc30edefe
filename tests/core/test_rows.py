"""A row read without the ORM's query building is the instance the ORM gives, locked when asked."""

import pytest
from django.db import connection
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
