import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
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


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Staff made for a test get a password: the production hasher spends most of a second on each on purpose."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
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
    """Nothing remembered from another test: Redis, this process's pages, the sessions read for signing up and the
    branch profile."""
    from redcross.models import forget_profile
    from redcross.pagecache import forget_local
    from training.selectors import forget_sessions_to_sign_up

    def forget():
        cache.clear()
        forget_local()
        forget_sessions_to_sign_up()
        forget_profile()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@contextmanager
def database_named(name: str):
    """The default connection on another database of the server, then back on the test database."""
    settings_dict = connection.settings_dict
    test_database = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = test_database


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the test database holding the demo city of `seed_demo`, made once per run, and its files' folder.

    Seeding the city takes several seconds; copying it with PostgreSQL's CREATE DATABASE … TEMPLATE does not.
    """
    folder = tmp_path_factory.mktemp("demo-city")
    test_database = connection.settings_dict["NAME"]
    name = f"{test_database}_demo"
    try:
        with django_db_blocker.unblock():
            connection.close()
            with connection._nodb_cursor() as cursor:
                # A template must have no other session: a live server's request may have left one behind.
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                               [test_database])
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{test_database}"')
            with database_named(name), override_settings(MEDIA_ROOT=folder / "media", PRIVATE_ROOT=folder / "private"):
                call_command("seed_demo", force=True, verbosity=0)
        yield name, folder
    finally:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def demo_city(demo_database):
    """The tests of a module on the demo database; its files' folder.

    A module's tests use it all or none: it holds from the first test that asks for it to the end of the module.
    """
    name, folder = demo_database
    with database_named(name):
        yield folder


@pytest.fixture
def demo(demo_city, db, settings, request):
    """The demo city, seeded once for the run: each test's writes are rolled back, so every test sees it as seeded.

    Its files are copied into the test's own folders.
    """
    if "transactional_db" in request.fixturenames:
        pytest.fail("The demo city is shared: a test that commits (transactional_db, live_server) would change it.")
    for folder, setting in (("media", "MEDIA_ROOT"), ("private", "PRIVATE_ROOT")):
        if (demo_city / folder).exists():
            shutil.copytree(demo_city / folder, getattr(settings, setting), dirs_exist_ok=True)


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
