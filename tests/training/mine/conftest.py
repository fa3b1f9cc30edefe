"""我的报名's tests: the text messages sent here, asking for a code, and 王's sign-ups among others'."""

import pytest

from redcross.sms.backends import LocmemBackend
from tests.training.my_signups import asking, texts_sent_here, wang_and_others


@pytest.fixture(autouse=True)
def texts(settings, db):
    yield texts_sent_here(settings)
    LocmemBackend.outbox.clear()


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    return asking(client, django_capture_on_commit_callbacks)


@pytest.fixture
def wang(db):
    return wang_and_others()
