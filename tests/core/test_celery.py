import os

from redcross.celery import app
from redcross.tasks import ping


def test_a_real_worker_runs_a_task_sent_through_redis(live_worker):
    result = ping.apply_async(queue=live_worker)
    assert result.get(timeout=60) == "pong"
    assert result.successful()


def test_celery_takes_its_configuration_from_django_settings():
    conf = app.conf
    assert conf.broker_url == os.environ["REDIS_URL"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.accept_content == ["json"]
    assert conf.task_time_limit > 0
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
