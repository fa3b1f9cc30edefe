"""A worker process killed in the middle of a report: the report is produced anyway, never left half-written."""

import os
import signal
import subprocess
import sys
import time
import uuid

import psycopg
from django.db import connection

from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.tasks import build_report
from tests.conftest import ROOT


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.2)
    return None


def test_a_killed_worker_process_leaves_the_report_to_be_finished(celery_env, tmp_path):
    period = periods.month(2025, 7)
    report = Report.objects.create(kind=period.kind, start=period.start, end=period.end)
    queue = f"test-{uuid.uuid4().hex[:12]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "redcross", "worker", "--pool=prefork", "--concurrency=1",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue,
         "-n", f"{queue}@%h"],
        cwd=ROOT, env=celery_env, stdout=(tmp_path / "worker.log").open("w"), stderr=subprocess.STDOUT,
    )
    database = connection.settings_dict
    params = {"host": database["HOST"], "port": database["PORT"] or 5432, "user": database["USER"],
              "dbname": database["NAME"], "password": database["PASSWORD"] or None}
    blocker = psycopg.connect(**params)
    # Activity statistics are a snapshot per transaction: watch them from a connection outside any.
    watcher = psycopg.connect(**params, autocommit=True)
    try:
        # Hold the report's row so that the worker's task stops in the middle, waiting for it.
        blocker.execute("SELECT id FROM reports_report WHERE id = %s FOR UPDATE", [report.pk])
        build_report.apply_async(args=[report.pk], queue=queue)
        waiting = wait_for(lambda: watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%%reports_report%%'"
        ).fetchone())
        assert waiting, (tmp_path / "worker.log").read_text()
        child = int(subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True).stdout.split()[0])
        os.kill(child, signal.SIGKILL)
        time.sleep(1)
        blocker.rollback()

        def finished():
            report.refresh_from_db()
            return report.status == Report.Status.READY

        assert wait_for(finished, seconds=90), (tmp_path / "worker.log").read_text()
    finally:
        blocker.close()
        watcher.close()
        worker.terminate()
        worker.wait(timeout=30)
    assert report.docx and report.xlsx and report.pdf
    assert report.pdf.read(4) == b"%PDF"
    assert "WorkerLostError" in (tmp_path / "worker.log").read_text()
