import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import StaffFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def plain_static_files():
    """The manifest storage needs collectstatic; tests serve static files straight from the finders."""
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the portal's own language, whatever page of another language a test asked for before
    (a request leaves its language active in the thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    from redcross.pagecache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def projects_officer(db):
    return StaffFactory(role="项目管理员", username="projects-officer")


@pytest.fixture
def training_officer(db):
    return StaffFactory(role="培训管理员", username="training-officer")


@pytest.fixture
def publicity_officer(db):
    return StaffFactory(role="宣传管理员", username="publicity-officer")


@pytest.fixture
def finance_officer(db):
    return StaffFactory(role="财务管理员", username="finance-officer")


@pytest.fixture
def leader(db):
    return StaffFactory(role="领导", username="leader")


@pytest.fixture
def celery_env(transactional_db, settings):
    """The environment of a Celery process working on the test database and the test's file folders."""
    from django.db import connection

    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    return {**os.environ, "DATABASE_URL": urlunsplit(database_url), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PRIVATE_ROOT": str(settings.PRIVATE_ROOT)}


@pytest.fixture
def live_worker(celery_env, tmp_path):
    """A real Celery worker process on the test database and Redis, consuming its own queue.

    Yields the queue's name; tasks sent there with apply_async(queue=...) run in that worker, which also takes
    tasks sent to the default queue (those that tasks queue in turn). The worker sees only committed rows, hence
    the transactional database.
    """
    queue = f"test-{uuid.uuid4().hex[:12]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "redcross", "worker", "--pool=solo", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", f"{queue},celery", "-n", f"{queue}@%h"],
        cwd=ROOT, env=celery_env,
        stdout=(tmp_path / "worker.log").open("w"), stderr=subprocess.STDOUT,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture(autouse=True, scope="session")
def no_connection_outlives_the_test_database(django_db_setup, django_db_blocker):
    """A live-server thread may leave an idle connection behind; the test database can only be dropped without."""
    yield
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
