"""The daily notice of expiring certificates: what it lists, who gets it, how often, and its schedule."""

import datetime as dt
import logging

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry

from redcross.celery import app
from redcross.notify import LocmemBackend
from tests.factories import StaffFactory
from training.notify import notify_expiring_certificates
from training.tasks import notify_expiring_certificates as notify_task

from .factories import CertificateFactory, TraineeFactory, resident_id

TODAY = dt.date(2026, 3, 1)


class BrokenBackend:
    def send(self, notification):
        raise ConnectionError("the SMS gateway is down")


@pytest.fixture
def outbox(settings):
    settings.NOTIFY_BACKEND = "redcross.notify.LocmemBackend"
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


def certificate(number: str, expires_on: dt.date, **values):
    return CertificateFactory(number=number, issued_on=expires_on - dt.timedelta(days=3 * 365),
                              expires_on=expires_on, **values)


@pytest.fixture
def expiring(db):
    """Two certificates in the 60-day window (its first and last day), three outside it or revoked."""
    certificate("RC-2023-00001", TODAY, trainee=TraineeFactory(name="今天到期", resident_id=resident_id(1)))
    certificate("RC-2023-00002", TODAY + dt.timedelta(days=60), trainee=TraineeFactory(name="六十天后到期"))
    certificate("RC-2023-00003", TODAY + dt.timedelta(days=61))
    certificate("RC-2023-00004", TODAY + dt.timedelta(days=10), revoked=True)
    certificate("RC-2022-00005", TODAY - dt.timedelta(days=1))


@pytest.fixture
def training_staff(db):
    StaffFactory(role="培训管理员", username="peixun", email="peixun@example.cn")
    StaffFactory(role="培训管理员", username="no-email", email="")
    StaffFactory(role="培训管理员", username="left", email="left@example.cn", is_active=False)
    StaffFactory(role="项目管理员", username="xiangmu", email="xiangmu@example.cn")


def test_training_staff_get_one_message_listing_the_certificates_expiring_within_60_days(outbox, expiring,
                                                                                         training_staff):
    assert notify_expiring_certificates(today=TODAY) == 2

    assert len(outbox) == 1
    message = outbox[0]
    assert message.recipients == ("peixun@example.cn",)
    assert "RC-2023-00001" in message.body and "今天到期" in message.body
    assert "RC-2023-00002" in message.body and "六十天后到期" in message.body
    assert not any(number in message.body for number in ("RC-2023-00003", "RC-2023-00004", "RC-2022-00005"))
    assert resident_id(1) not in message.body
    assert "2" in message.subject and "60" in message.subject


def test_the_notice_goes_out_once_a_day_however_often_it_runs(outbox, expiring, training_staff):
    assert notify_expiring_certificates(today=TODAY) == 2
    assert notify_expiring_certificates(today=TODAY) == 2
    assert len(outbox) == 1

    # The next day the window has moved on by a day: RC-2023-00001 has left it, RC-2023-00003 entered it.
    assert notify_expiring_certificates(today=TODAY + dt.timedelta(days=1)) == 2
    assert len(outbox) == 2
    assert "RC-2023-00003" in outbox[1].body and "RC-2023-00001" not in outbox[1].body


def test_nothing_is_sent_when_no_certificate_expires_soon(outbox, training_staff):
    certificate("RC-2023-00003", TODAY + dt.timedelta(days=61))
    assert notify_expiring_certificates(today=TODAY) == 0
    assert outbox == []


def test_a_failed_sending_is_tried_again_on_the_next_run(settings, outbox, expiring, training_staff):
    settings.NOTIFY_BACKEND = "tests.training.test_tasks.BrokenBackend"
    with pytest.raises(ConnectionError):
        notify_expiring_certificates(today=TODAY)

    settings.NOTIFY_BACKEND = "redcross.notify.LocmemBackend"
    assert notify_expiring_certificates(today=TODAY) == 2
    assert len(outbox) == 1


def test_the_default_backend_sends_nothing_and_only_logs(caplog, expiring, training_staff):
    assert django_settings.NOTIFY_BACKEND == "redcross.notify.LogBackend"
    with caplog.at_level(logging.INFO, logger="redcross.notify"):
        assert notify_expiring_certificates(today=TODAY) == 2
    assert [record.name for record in caplog.records if record.name == "redcross.notify"] == ["redcross.notify"]
    assert "RC-2023-00001" not in caplog.text


def test_the_task_is_scheduled_daily_at_eight_in_china_time(db):
    entry = django_settings.CELERY_BEAT_SCHEDULE["training-expiring-certificates"]
    assert entry["task"] == notify_task.name == "training.tasks.notify_expiring_certificates"
    assert entry["schedule"] == crontab(hour=8, minute=0)
    assert str(app.conf.timezone) == "Asia/Shanghai"

    # What beat's database scheduler does with each entry of the schedule when it starts.
    name, entry = next((name, entry) for name, entry in app.conf.beat_schedule.items()
                       if entry["task"] == notify_task.name)
    ModelEntry.from_entry(name, app=app, **entry)
    task = PeriodicTask.objects.select_related("crontab").get(name=name)
    assert (task.task, task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "training.tasks.notify_expiring_certificates", "8", "0", "Asia/Shanghai")


def test_a_real_worker_runs_the_daily_task_on_committed_data(live_worker):
    today = timezone.localdate()
    StaffFactory(role="培训管理员", username="peixun", email="peixun@example.cn")
    certificate("RC-2024-00001", today + dt.timedelta(days=5))
    certificate("RC-2024-00002", today + dt.timedelta(days=59))
    certificate("RC-2024-00003", today + dt.timedelta(days=90))

    result = notify_task.apply_async(queue=live_worker)
    assert result.get(timeout=60) == 2
