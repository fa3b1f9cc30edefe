"""The settings module read from the environment, checked in fresh processes as an operator would start them."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "redcross.example.cn",
    "CSRF_TRUSTED_ORIGINS": "https://redcross.example.cn",
}
STRIPPED = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES", "CSRF_TRUSTED_ORIGINS", "DJANGO_ALLOW_ASYNC_UNSAFE",
            "CONN_MAX_AGE")


def run_portal(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in STRIPPED}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_portal_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_portal("manage.py", "check", DEBUG="0")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "SECRET_KEY is not set: set it in the environment (see .env.example) or set DEBUG=1."
    ]


def test_deploy_check_is_clean_with_production_values():
    result = run_portal(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING",
        DATABASE_URL=os.environ["DATABASE_URL"], **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_quick_start_defaults_to_sqlite_eager_tasks_and_local_memory_cache():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME']), "
        "s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], s.LANGUAGE_CODE, s.TIME_ZONE]))"
    )
    result = run_portal("-c", probe, DJANGO_SETTINGS_MODULE="redcross.settings", DEBUG="1")
    engine, name, eager, cache, language, zone = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"
    assert eager is True
    assert cache.endswith("LocMemCache")
    assert (language, zone) == ("zh-hans", "Asia/Shanghai")


def test_redis_url_makes_redis_the_broker_result_backend_and_cache():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND, s.CELERY_TASK_ALWAYS_EAGER, "
        "s.CACHES['default']['BACKEND'], s.DATABASES['default']['CONN_MAX_AGE']]))"
    )
    result = run_portal(
        "-c", probe, DJANGO_SETTINGS_MODULE="redcross.settings", REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/redcross", **PRODUCTION,
    )
    broker, backend, eager, cache, conn_max_age = json.loads(result.stdout)
    assert broker == backend == "redis://127.0.0.1:6379/3"
    assert eager is False
    assert cache == "redcross.redis_cache.SharedClientRedisCache"
    assert conn_max_age > 0


def test_every_model_change_has_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_behind_one_proxy_declared_in_the_environment_logins_see_the_visitors_address():
    probe = (
        "import django, json; django.setup(); from django.test import RequestFactory; "
        "from axes.helpers import get_client_ip_address; "
        "request = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', HTTP_X_FORWARDED_FOR='203.0.113.7'); "
        "print(json.dumps(get_client_ip_address(request)))"
    )
    result = run_portal("-c", probe, DJANGO_SETTINGS_MODULE="redcross.settings", TRUSTED_PROXY_COUNT="1",
                        **PRODUCTION)
    assert json.loads(result.stdout) == "203.0.113.7", result.stderr


def test_portal_refuses_to_start_with_a_trusted_proxy_that_is_no_address():
    result = run_portal("manage.py", "check", TRUSTED_PROXIES="127.0.0.1,nginx.local", **PRODUCTION)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "TRUSTED_PROXIES: 'nginx.local' is neither an address nor a network (e.g. 127.0.0.1, 10.0.0.0/8)."
    ]


def test_the_reports_run_at_the_time_set_and_a_bad_time_is_refused():
    import pytest

    from redcross.schedule import beat_schedule

    schedule = beat_schedule("23:50")
    month, year = schedule["reports-month"]["schedule"], schedule["reports-year"]["schedule"]
    assert (month.hour, month.minute, month.day_of_month) == ({23}, {50}, {1})
    assert (year.hour, year.minute, year.day_of_month, year.month_of_year) == ({0}, {10}, {2}, {1})
    with pytest.raises(ValueError):
        beat_schedule("1 am")


def test_every_task_beat_runs_is_one_a_worker_knows():
    from redcross.celery import app
    from redcross.schedule import beat_schedule

    app.loader.import_default_modules()  # what a worker imports on start
    tasks = {entry["task"] for entry in beat_schedule("01:00").values()}
    assert "redcross.sms.tasks.send_pending_texts" in tasks
    assert tasks <= set(app.tasks), tasks - set(app.tasks)
