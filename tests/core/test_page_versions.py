"""When the cached pages' content version moves: what a public page shows, and when a lock a crowd waits on is
released."""

import pytest

from redcross import pagecache
from tests.projects.factories import SiteFactory
from tests.training.factories import SessionFactory, TraineeFactory
from training.services import SignUp, registration_create

pytestmark = pytest.mark.django_db


def test_a_persons_own_record_is_on_no_cached_page_and_starts_no_version():
    trainee = TraineeFactory()
    version = pagecache.content_version()
    trainee.organisation = "实验小学"
    trainee.save()
    assert pagecache.content_version() == version


def test_changes_within_a_held_lock_start_one_new_version_when_it_is_released():
    version = pagecache.content_version()
    with pagecache.versions_held():
        SiteFactory()
        SiteFactory()
        assert pagecache.content_version() == version
    assert pagecache.content_version() == version + 1


def test_a_sign_up_starts_a_new_version_for_the_seats_its_page_shows():
    session = SessionFactory(seats=3)
    version = pagecache.content_version()
    registration_create(session=session, person=SignUp(name="钱进", mobile="13600136000"), consent=True)
    assert pagecache.content_version() > version
