"""Beat and a worker, real processes on Redis and PostgreSQL, produce a report without anyone asking."""

import subprocess
import sys
import time

from django_celery_beat.models import IntervalSchedule, PeriodicTask

from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_request
from redcross.reports.tasks import build_report
from tests.conftest import ROOT


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_beat_queues_the_closed_month_and_a_worker_produces_it(live_worker, celery_env, client, leader, tmp_path):
    every_second, _created = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="test: report of the month just closed", task="redcross.reports.tasks.queue_closed_period",
        args='["month"]', interval=every_second, queue=live_worker,
    )
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "redcross", "beat", "--loglevel=WARNING",
         "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler", "--pidfile", str(tmp_path / "beat.pid")],
        cwd=ROOT, env=celery_env, stdout=(tmp_path / "beat.log").open("w"), stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: Report.objects.filter(scheduled=True, status="ready").exists()), (
            (tmp_path / "beat.log").read_text() + (tmp_path / "worker.log").read_text()
        )
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    report = Report.objects.filter(scheduled=True, status="ready").first()
    assert report.kind == "month"
    client.force_login(leader)
    response = client.get(f"/reports/{report.pk}/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_report_left_running_by_a_lost_worker_is_finished_when_redelivered(live_worker):
    report, _created = report_request(period=periods.month(2025, 7))
    Report.objects.filter(pk=report.pk).update(status="running", attempts=1)  # the worker died here
    result = build_report.apply_async(args=[report.pk], queue=live_worker)
    assert result.get(timeout=90) == "ready"
    report.refresh_from_db()
    assert report.status == "ready" and report.attempts == 2
    assert report.docx and report.xlsx and report.pdf
    assert build_report.acks_late and build_report.reject_on_worker_lost and build_report.max_retries <= 5
