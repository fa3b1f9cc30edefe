"""When the cached pages' content version moves: on a change to what a public page shows, and only then."""

import pytest

from redcross import pagecache
from tests.training.factories import SessionFactory, TraineeFactory
from training.services import SignUp, registration_create

pytestmark = pytest.mark.django_db


def test_a_persons_own_record_is_on_no_cached_page_and_starts_no_version():
    trainee = TraineeFactory()
    version = pagecache.content_version()
    trainee.organisation = "实验小学"
    trainee.save()
    assert pagecache.content_version() == version


def test_a_sign_up_starts_a_new_version_for_the_seats_its_page_shows():
    session = SessionFactory(seats=3)
    version = pagecache.content_version()
    registration_create(session=session, person=SignUp(name="钱进", mobile="13600136000"), consent=True)
    assert pagecache.content_version() > version
