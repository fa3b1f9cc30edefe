"""A report whose worker was lost is queued again, by the next person asking or by the sweep, and produced once."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from redcross.reports import figures, periods
from redcross.reports.models import Report
from redcross.reports.services import (
    BUILD_TIME_LIMIT,
    report_build,
    report_failed,
    report_request,
    reports_requeue_lost,
)
from redcross.reports.tasks import build_report

LONG_AGO = BUILD_TIME_LIMIT + timedelta(minutes=1)
JULY = periods.month(2025, 7)


@pytest.fixture
def queued(monkeypatch):
    """The ids handed to a worker (build_report.delay), in order, instead of sending them to the broker."""
    sent = []
    monkeypatch.setattr(build_report, "delay", sent.append)
    return sent


def left_by_a_dead_worker(*, since: timedelta, status=Report.Status.RUNNING) -> Report:
    report = Report.objects.create(kind=JULY.kind, start=JULY.start, end=JULY.end)
    Report.objects.filter(pk=report.pk).update(
        status=status, claim="task-of-the-killed-worker", attempts=1 if status == Report.Status.RUNNING else 0,
        started_at=timezone.now() - since if status == Report.Status.RUNNING else None,
        queued_at=timezone.now() - since,
    )
    report.refresh_from_db()
    return report


def stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.PRIVATE_ROOT).rglob("*") if path.is_file())


@pytest.mark.django_db
def test_asking_again_for_a_report_running_past_the_time_limit_queues_it_again(
    queued, django_capture_on_commit_callbacks
):
    lost = left_by_a_dead_worker(since=LONG_AGO)

    with django_capture_on_commit_callbacks(execute=True):
        report, created = report_request(period=JULY)

    assert (report, created) == (lost, False)
    assert queued == [lost.pk]
    build_report.apply(args=queued)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.READY, 2)
    assert len(stored_files()) == 3


@pytest.mark.django_db
def test_a_report_still_within_its_time_limit_is_left_to_its_worker(queued, django_capture_on_commit_callbacks):
    running = left_by_a_dead_worker(since=BUILD_TIME_LIMIT - timedelta(minutes=1))

    with django_capture_on_commit_callbacks(execute=True):
        report, created = report_request(period=JULY)
        assert reports_requeue_lost() == 0

    assert (report, created, queued) == (running, False, [])
    running.refresh_from_db()
    assert running.status == Report.Status.RUNNING
    # Another task's message (a duplicate, or a requeue) does not take a report its worker is producing.
    assert report_build(report_id=running.pk, claim="another-task").status == Report.Status.RUNNING
    assert stored_files() == []


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Report.Status.RUNNING, Report.Status.QUEUED])
def test_the_sweep_queues_again_every_report_lost_by_its_worker(status, queued, django_capture_on_commit_callbacks):
    lost = left_by_a_dead_worker(since=LONG_AGO, status=status)

    with django_capture_on_commit_callbacks(execute=True):
        assert reports_requeue_lost() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reports_requeue_lost() == 0  # queued again just now: no longer lost

    assert queued == [lost.pk]
    build_report.apply(args=queued)
    lost.refresh_from_db()
    assert lost.status == Report.Status.READY
    assert len(stored_files()) == 3


@pytest.mark.django_db
def test_a_worker_taken_for_lost_that_comes_back_late_stores_nothing(
    monkeypatch, queued, django_capture_on_commit_callbacks
):
    report = Report.objects.create(kind=JULY.kind, start=JULY.start, end=JULY.end)
    collect = figures.collect

    def stalled_past_the_time_limit(period, taken_at=None):
        # While the first worker computes, the sweep takes it for lost and another worker produces the report.
        monkeypatch.setattr(figures, "collect", collect)
        Report.objects.filter(pk=report.pk).update(started_at=timezone.now() - LONG_AGO)
        with django_capture_on_commit_callbacks(execute=True):
            assert reports_requeue_lost() == 1
        assert build_report.apply(args=queued).get() == Report.Status.READY
        return collect(period, taken_at)

    monkeypatch.setattr(figures, "collect", stalled_past_the_time_limit)
    late = report_build(report_id=report.pk, claim="the-first-task")

    produced = stored_files()
    assert late.status == Report.Status.READY and late.claim != "the-first-task" and late.attempts == 2
    assert len(produced) == 3
    # Its retry and its failure leave the report as the other worker produced it.
    assert report_build(report_id=report.pk, claim="the-first-task").attempts == 2
    report_failed(report_id=report.pk, claim="the-first-task", error="TimeLimitExceeded")
    report.refresh_from_db()
    assert (report.status, report.error, report.attempts) == (Report.Status.READY, "", 2)
    assert stored_files() == produced


@pytest.mark.django_db
def test_the_build_has_a_time_limit_and_the_sweep_runs_more_often_than_it():
    assert build_report.time_limit == BUILD_TIME_LIMIT.total_seconds()
    assert build_report.soft_time_limit < build_report.time_limit
    sweeps = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
              if entry["task"] == "redcross.reports.tasks.requeue_lost_reports"]
    assert len(sweeps) == 1
    schedule = sweeps[0]["schedule"]
    every = schedule if isinstance(schedule, timedelta) else timedelta(seconds=schedule.run_every.total_seconds())
    assert every <= BUILD_TIME_LIMIT


def test_a_report_left_running_by_a_killed_worker_is_produced_by_a_live_one(live_worker):
    lost = left_by_a_dead_worker(since=LONG_AGO)

    report, created = report_request(period=JULY)  # queued on the default queue, which the live worker takes

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status != Report.Status.QUEUED and report.status != Report.Status.RUNNING:
            break
        time.sleep(0.3)
    assert (report.pk, created, report.status, report.attempts) == (lost.pk, False, Report.Status.READY, 2)
    assert report.claim != "task-of-the-killed-worker"
    assert len(stored_files()) == 3
