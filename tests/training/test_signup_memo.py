"""A crowd's sign-ups read their session from the process's memory, for a second at most: a change to the session, its
course or its base is seen by the next sign-up at once, and no sign-up's changes reach another's copy."""

import pytest

from redcross.models import TextMessage
from tests.training.factories import SessionFactory, mobile
from training import selectors
from training.models import Registration
from training.services import catalogue_save, session_save

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def remembered_long(monkeypatch):
    """Remembered for an hour here: a slow machine must not let the memory lapse between two sign-ups of a test."""
    monkeypatch.setattr(selectors, "SIGN_UP_MEMO_SECONDS", 3600)


def form(n: int) -> dict:
    return {"name": f"市民{n}", "mobile": mobile(n), "organisation": "", "consent": "on"}


def sign_up(client, session, n: int):
    return client.post(f"/training/sessions/{session.pk}/sign-up/", form(n), REMOTE_ADDR=f"10.1.0.{n}")


def test_a_base_withdrawn_from_the_public_takes_no_more_sign_ups_at_once(client):
    session = SessionFactory()
    assert sign_up(client, session, 1).status_code == 302
    session.base.published = False
    catalogue_save(record=session.base)
    assert sign_up(client, session, 2).status_code == 404
    assert Registration.objects.filter(session=session).count() == 1


def test_the_text_message_names_the_course_and_place_as_they_are_now(client, django_capture_on_commit_callbacks):
    session = SessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up(client, session, 1).status_code == 302
    session.course.name = "心肺复苏专题培训"
    catalogue_save(record=session.course)
    session.base.name = "滨江社区救护站"
    catalogue_save(record=session.base)
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up(client, session, 2).status_code == 302
    text = TextMessage.objects.get(mobile=mobile(2)).text
    assert "心肺复苏专题培训" in text and "滨江社区救护站" in text


def test_a_session_closed_to_sign_ups_refuses_the_next_one(client):
    session = SessionFactory()
    assert sign_up(client, session, 1).status_code == 302
    session.public_signup = False
    session_save(session=session)
    assert sign_up(client, session, 2).status_code == 404
    assert Registration.objects.filter(session=session).count() == 1


def test_each_sign_up_has_a_copy_of_its_own():
    session = SessionFactory(seats=5)
    first = selectors.session_to_sign_up(session.pk)
    first.seats = 1
    first.course.name = "改动过的副本"
    first.base.name = "改动过的基地"
    again = selectors.session_to_sign_up(session.pk)
    assert again is not first and again.seats == 5
    assert again.course.name != "改动过的副本" and again.base.name != "改动过的基地"
