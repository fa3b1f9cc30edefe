"""Asking for a report and producing it: idempotent, safe to retry, never touching the apps' figures."""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import figures, periods
from .documents import excel, pdf, word
from .documents.text import sentences
from .models import Report

log = logging.getLogger(__name__)
IN_PROGRESS = (Report.Status.QUEUED, Report.Status.RUNNING)


def report_request(
    *, period: periods.Period, by=None, scheduled: bool = False, queue: bool = True
) -> tuple[Report, bool]:
    """The report of `period`: the one already queued or running, or a new one queued now. (report, created)

    With `queue=False` a new report is not handed to a worker: the caller builds it (report_build) itself.
    """
    existing = Report.objects.filter(kind=period.kind, start=period.start, end=period.end, status__in=IN_PROGRESS)
    if (report := existing.first()) is not None:
        return report, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                kind=period.kind, start=period.start, end=period.end, requested_by=by, scheduled=scheduled
            )
    except IntegrityError:  # asked for at the same moment by someone else
        return existing.get(), False
    if queue:
        from .tasks import build_report

        transaction.on_commit(lambda: build_report.delay(report.pk))
    return report, True


def _claim(report_id: int) -> Report | None:
    """Mark the report running and count the attempt; None when it is already finished."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.READY:
            return None
        report.status = Report.Status.RUNNING
        report.attempts += 1
        report.started_at = timezone.now()
        report.error = ""
        report.save(update_fields=["status", "attempts", "started_at", "error"])
        return report


def report_build(*, report_id: int) -> Report:
    """Compute the figures and write the three files; the report turns ready only with all of them in place."""
    report = _claim(report_id)
    if report is None:
        return Report.objects.get(pk=report_id)
    data = figures.collect(report.period)
    texts = sentences(data)
    files = {
        "docx": word.render(data, texts),
        "xlsx": excel.render(data, report.period),
        "pdf": pdf.render(data, texts),
    }
    stem = f"summary-{report.kind}-{report.start:%Y%m%d}-{report.end:%Y%m%d}-{report.pk}"
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        for field, content in files.items():
            getattr(report, field).save(f"{stem}.{field}", ContentFile(content), save=False)
        report.figures = data
        report.status = Report.Status.READY
        report.finished_at = timezone.now()
        report.save()
    return report


def report_failed(*, report_id: int, error: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(
        status=Report.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def queue_closed_period(*, kind: str, today=None) -> Report:
    """What beat runs after a month, quarter or year ends: the report of the period just closed."""
    period = periods.just_closed(kind, today or timezone.localdate())
    report, _created = report_request(period=period, scheduled=True)
    return report
