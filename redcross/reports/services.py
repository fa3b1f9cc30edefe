"""Asking for a report and producing it: idempotent, safe to retry, never touching the apps' figures."""

import logging
import uuid
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import figures, periods
from .documents import excel, pdf, word
from .documents.text import sentences
from .models import OpeningTotal, Report

log = logging.getLogger(__name__)
IN_PROGRESS = (Report.Status.QUEUED, Report.Status.RUNNING)
# A report takes seconds; the worker kills a build after this long, so a report queued or running for longer
# has lost its worker (killed with its broker message unacknowledged until the 2-hour visibility timeout).
BUILD_TIME_LIMIT = timedelta(minutes=15)


def _lost(now: datetime) -> Q:
    """Reports no worker is producing: queued, or running, for longer than a build may take."""
    since = now - BUILD_TIME_LIMIT
    queued_too_long = Q(status=Report.Status.QUEUED, queued_at__lt=since)
    running_too_long = Q(status=Report.Status.RUNNING) & (Q(started_at__isnull=True) | Q(started_at__lt=since))
    return queued_too_long | running_too_long


def _queue(report_id: int) -> None:
    from .tasks import build_report

    transaction.on_commit(lambda: build_report.delay(report_id))


def report_requeue_if_lost(*, report_id: int) -> bool:
    """Hand a lost report to a worker again; False when it is not lost (or another caller requeued it first)."""
    now = timezone.now()
    requeued = Report.objects.filter(_lost(now), pk=report_id).update(status=Report.Status.QUEUED, queued_at=now)
    if requeued:
        log.warning("Report %s was lost by its worker and is queued again.", report_id)
        _queue(report_id)
    return bool(requeued)


def reports_requeue_lost() -> int:
    """What beat runs every few minutes: every lost report queued again. The number requeued."""
    lost = Report.objects.filter(_lost(timezone.now())).values_list("pk", flat=True)
    return sum(report_requeue_if_lost(report_id=report_id) for report_id in lost)


def report_request(
    *, period: periods.Period, by=None, scheduled: bool = False, queue: bool = True
) -> tuple[Report, bool]:
    """The report of `period`: the one already queued or running, or a new one queued now. (report, created)

    With `queue=False` a new report is not handed to a worker: the caller builds it (report_build) itself.
    """
    existing = Report.objects.filter(kind=period.kind, start=period.start, end=period.end, status__in=IN_PROGRESS)
    if (report := existing.first()) is not None:
        report_requeue_if_lost(report_id=report.pk)
        return report, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                kind=period.kind, start=period.start, end=period.end, requested_by=by, scheduled=scheduled
            )
    except IntegrityError:  # asked for at the same moment by someone else
        return existing.get(), False
    if queue:
        _queue(report.pk)
    return report, True


def _claim(report_id: int, claim: str) -> Report | None:
    """Take the report for `claim`, counting the attempt; None when it is finished or another task holds it.

    A single UPDATE that changes the row only while it is still claimable: queued, held by the same task (a retry
    or a redelivery), or lost. A worker taken for lost that is still running keeps an outdated claim, and
    report_build does not let it store its files.
    """
    now = timezone.now()
    claimable = Q(status=Report.Status.QUEUED) | Q(status=Report.Status.RUNNING, claim=claim) | _lost(now)
    taken = Report.objects.filter(claimable, pk=report_id).update(
        status=Report.Status.RUNNING, claim=claim, attempts=F("attempts") + 1, started_at=now, error=""
    )
    return Report.objects.get(pk=report_id) if taken else None


def _snapshot(read):
    """`read()` in one snapshot of every table, so that the figures agree with each other and with their moment."""
    connection = transaction.get_connection()
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return read()


def report_build(*, report_id: int, claim: str = "") -> Report:
    """Compute the figures and write the three files; the report turns ready only with all of them in place.

    `claim` names the producer (the task's id, so that its retries keep the claim). Only the latest claim stores
    its files: a worker that was taken for lost and comes back late discards its work.
    """
    claim = claim or uuid.uuid4().hex
    report = _claim(report_id, claim)
    if report is None:
        return Report.objects.get(pk=report_id)
    attempt = report.attempts
    taken_at = timezone.now()
    # From this moment, a change to a record the report reads makes it out of date (reports_mark_out_of_date).
    Report.objects.filter(pk=report_id, claim=claim).update(taken_at=taken_at, out_of_date_since=None)
    data = _snapshot(lambda: figures.collect(report.period, taken_at))
    texts = sentences(data)
    made_at = timezone.now()
    files = {
        "docx": word.render(data, texts, made_at),
        "xlsx": excel.render(data, made_at),
        "pdf": pdf.render(data, texts, made_at),
    }
    stem = f"summary-{report.kind}-{report.start:%Y%m%d}-{report.end:%Y%m%d}-{report.pk}"
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status not in IN_PROGRESS or (report.claim, report.attempts) != (claim, attempt):
            log.warning("Report %s was produced by another attempt; attempt %s discards its files.", report_id, attempt)
            return report
        for field, content in files.items():
            getattr(report, field).save(f"{stem}.{field}", ContentFile(content), save=False)
        report.figures = data
        report.status = Report.Status.READY
        report.finished_at = timezone.now()
        report.save()
    return report


def report_failed(*, report_id: int, claim: str, error: str) -> None:
    """The last attempt of `claim` failed: the report failed, unless another task has taken it over since."""
    Report.objects.filter(pk=report_id, claim=claim, status__in=IN_PROGRESS).update(
        status=Report.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def queue_closed_period(*, kind: str, today=None) -> Report:
    """What beat runs after a month, quarter or year ends: the report of the period just closed."""
    period = periods.just_closed(kind, today or timezone.localdate())
    report, _created = report_request(period=period, scheduled=True)
    return report


def reports_mark_out_of_date(*, earliest: date) -> int:
    """A record dated `earliest` (or several, the earliest of them) was added, changed or removed: every ready
    report whose figures read that day — its period, or the running totals up to its end — is out of date.

    Every sign-up asks it once it has committed, so it is one statement written in SQL: the ORM's own work for it
    cost more than the database's."""
    now = timezone.now()
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(_MARK_OUT_OF_DATE, [now, Report.Status.READY, Report.Status.RUNNING, earliest, now])
        return cursor.rowcount


_MARK_OUT_OF_DATE = """
    UPDATE reports_report SET out_of_date_since = %s
    WHERE status IN (%s, %s) AND "end" >= %s AND taken_at < %s AND out_of_date_since IS NULL
"""


def opening_total_save(*, total: OpeningTotal) -> OpeningTotal:
    total.full_clean()
    total.save()
    return total


def opening_total_delete(*, total: OpeningTotal) -> None:
    total.delete()
