"""Reports as staff see them: each with whether a newer version of the same period has replaced it."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import Report


def reports_listed() -> QuerySet[Report]:
    newer = Report.objects.filter(
        kind=OuterRef("kind"), start=OuterRef("start"), end=OuterRef("end"), status=Report.Status.READY,
        requested_at__gt=OuterRef("requested_at"),
    )
    return Report.objects.select_related("requested_by").annotate(replaced=Exists(newer))


def versions_of(report: Report) -> QuerySet[Report]:
    """The other reports of the same period, newest first."""
    return reports_listed().filter(kind=report.kind, start=report.start, end=report.end).exclude(pk=report.pk)
