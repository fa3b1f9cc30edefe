"""The day before a session, everyone confirmed is reminded once, however often the daily task runs."""

import datetime as dt

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.utils import timezone

from redcross.celery import app
from redcross.models import TextMessage
from redcross.schedule import beat_schedule
from redcross.sms.backends import LocmemBackend
from tests.training.factories import BaseFactory, RegistrationFactory, SessionFactory, TraineeFactory, at, mobile
from training.models import Registration, Session
from training.tasks import send_session_reminders

pytestmark = pytest.mark.django_db
TODAY = "2099-12-19"
SITE = "https://redcross.example.cn"


@pytest.fixture
def sent(settings):
    settings.SMS_SEND_INLINE = True
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.PUBLIC_BASE_URL = SITE
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


def person(n: int, name: str):
    return TraineeFactory(name=name, mobile=mobile(n))


@pytest.fixture
def sessions():
    """Tomorrow (20 December): two sessions, early and late, and a cancelled one; and sessions on other days."""
    early = SessionFactory(title="早场心肺复苏", base=BaseFactory(name="滨江救护培训基地"),
                           starts_at=at("2099-12-20 00:30"), ends_at=at("2099-12-21 17:00"))
    late = SessionFactory(title="晚场创伤救护", starts_at=at("2099-12-20 23:30"), ends_at=at("2099-12-20 23:59"),
                          status=Session.Status.FULL)
    cancelled = SessionFactory(starts_at=at("2099-12-20 09:00"), status=Session.Status.CANCELLED)
    today = SessionFactory(starts_at=at("2099-12-19 20:00"))
    day_after = SessionFactory(starts_at=at("2099-12-21 00:00"))
    RegistrationFactory(session=early, trainee=person(1, "早场学员"))
    RegistrationFactory(session=late, trainee=person(2, "晚场学员"))
    RegistrationFactory(session=early, trainee=person(3, "候补学员"), status=Registration.Status.WAITING)
    RegistrationFactory(session=early, trainee=person(4, "已取消学员"), status=Registration.Status.CANCELLED)
    RegistrationFactory(session=cancelled, trainee=person(5, "取消场次学员"))
    RegistrationFactory(session=today, trainee=person(6, "今天学员"))
    RegistrationFactory(session=day_after, trainee=person(7, "后天学员"))
    return early, late


def test_the_task_run_three_times_reminds_each_person_of_tomorrow_once(sent, sessions,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        counts = [send_session_reminders(TODAY) for _run in range(3)]

    assert counts == [2, 0, 0]
    reminders = TextMessage.objects.filter(kind=TextMessage.Kind.REMINDER).order_by("mobile")
    assert [(message.mobile, message.key) for message in reminders] == [
        (mobile(1), f"reminder:{Registration.objects.get(trainee__name='早场学员').pk}:2099-12-20"),
        (mobile(2), f"reminder:{Registration.objects.get(trainee__name='晚场学员').pk}:2099-12-20"),
    ]
    assert TextMessage.objects.count() == 2
    assert sorted(sms.mobile for sms in sent) == [mobile(1), mobile(2)]


def test_a_reminder_names_the_time_and_place_and_links_to_my_sign_ups(sent, sessions, client,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders(TODAY)

    message = TextMessage.objects.get(mobile=mobile(1))
    for words in ("早场学员", "早场心肺复苏", "2099年12月20日 00:30", "12月21日 17:00", "滨江救护培训基地"):
        assert words in message.text
    link = dict(message.params)["link"]
    # A short link that opens nothing by itself: the message passes through the provider's records.
    assert link == f"{SITE}/training/mine/" and message.text.endswith(link)
    assert client.get(link.removeprefix(SITE)).status_code == 200
    registration = Registration.objects.get(trainee__mobile=mobile(1))
    assert registration.code not in message.text and "registrations" not in message.text


def test_without_a_day_the_task_reminds_of_the_sessions_of_tomorrow(sent):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    noon = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(12)))
    registration = RegistrationFactory(session=SessionFactory(starts_at=noon), trainee=person(8, "明天学员"))
    RegistrationFactory(session=SessionFactory(starts_at=noon + dt.timedelta(days=1)), trainee=person(9, "后天"))

    assert send_session_reminders() == 1
    assert TextMessage.objects.get().key == f"reminder:{registration.pk}:{tomorrow.isoformat()}"


def test_the_reminders_are_queued_daily_at_ten_china_time_or_the_time_set():
    entry = django_settings.CELERY_BEAT_SCHEDULE["training-session-reminders"]
    assert entry["task"] == send_session_reminders.name == "training.tasks.send_session_reminders"
    assert entry["schedule"] == crontab(hour=10, minute=0)
    assert str(app.conf.timezone) == "Asia/Shanghai"
    schedule = beat_schedule("01:00", reminders_at="07:45")["training-session-reminders"]["schedule"]
    assert (schedule.hour, schedule.minute) == ({7}, {45})
    with pytest.raises(ValueError, match="REMINDERS_AT"):
        beat_schedule("01:00", reminders_at="7 am")


def test_the_portal_refuses_to_start_with_a_reminder_time_that_is_no_time():
    from tests.core.test_settings import PRODUCTION, run_portal

    result = run_portal("manage.py", "check", REMINDERS_AT="7 am", **PRODUCTION)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "REMINDERS_AT must be a time of day as HH:MM (China time), not '7 am'."
    ]
