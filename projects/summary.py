"""The figures of the humanitarian-projects front for a period, computed by the database."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import (
    ZERO,
    Activity,
    Facility,
    FacilityKind,
    FundingLine,
    FundingSource,
    Project,
    ProjectTransition,
    Site,
    SpendingLine,
)

ACTIVITY_SUMS = ("participants", "volunteers", "volunteer_hours", "beneficiaries", "books")


def _counts(queryset, field: str, choices) -> dict[str, int]:
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n").order_by())
    return {value: found.get(value, 0) for value in choices.values}


def _money(queryset, date_field: str, start: date, end: date) -> dict[str, Decimal]:
    rows = (
        queryset.filter(**{f"{date_field}__range": (start, end)})
        .values("source").annotate(total=Sum("amount")).values_list("source", "total").order_by()
    )
    found = dict(rows)
    return {value: found.get(value, ZERO) for value in FundingSource.values}


def summary(start: date, end: date) -> dict:
    """Figures for the days from `start` to `end`, both included (dates in Asia/Shanghai).

    Sites are counted by their present status; facilities by kind, new in the period and in service at its end;
    projects of the years the period touches by status and funding, and the steps of their life cycle taken in
    the period; money received and spent in the period by source; activities held in the period by kind.
    """
    kinds = FacilityKind.objects.annotate(
        new=Count("facilities", filter=Q(facilities__opened_on__range=(start, end))),
        in_service=Count(
            "facilities",
            filter=Q(facilities__in_service=True)
            & (Q(facilities__opened_on__lte=end) | Q(facilities__opened_on__isnull=True)),
        ),
    ).order_by("order", "name")
    facilities_by_kind = [
        {"kind": kind.name, "new": kind.new, "in_service": kind.in_service}
        for kind in kinds
        if kind.new or kind.in_service
    ]

    projects = Project.objects.filter(year__range=(start.year, end.year))
    steps = dict(
        ProjectTransition.objects.filter(on__range=(start, end))
        .values("to_status").annotate(n=Count("pk")).values_list("to_status", "n").order_by()
    )

    received = _money(FundingLine.objects, "received_on", start, end)
    spent = _money(SpendingLine.objects, "spent_on", start, end)

    activities = Activity.objects.filter(date__range=(start, end))
    sums = {field: Coalesce(Sum(field), 0) for field in ACTIVITY_SUMS if field != "volunteer_hours"}
    sums["volunteer_hours"] = Coalesce(Sum("volunteer_hours"), Value(Decimal("0.0")), output_field=DecimalField())
    by_kind = {row["kind"]: row for row in activities.values("kind").annotate(count=Count("pk"), **sums).order_by()}
    activity_rows = [
        {"kind": kind, **{key: by_kind[kind][key] for key in ("count", *ACTIVITY_SUMS)}}
        for kind in Activity.Kind.values
        if kind in by_kind
    ]
    activity_total = activities.aggregate(count=Count("pk"), **sums)

    return {
        "period": {"start": start, "end": end},
        "sites": {
            "total": Site.objects.count(),
            "by_status": _counts(Site.objects.all(), "status", Site.Status),
        },
        "facilities": {
            "by_kind": facilities_by_kind,
            "new": Facility.objects.filter(opened_on__range=(start, end)).count(),
            "in_service": Facility.objects.filter(
                Q(opened_on__lte=end) | Q(opened_on__isnull=True), in_service=True
            ).count(),
        },
        "projects": {
            "total": projects.count(),
            "by_status": _counts(projects, "status", Project.Status),
            "by_funding": _counts(projects, "funding", Project.Funding),
            "steps_in_period": {value: steps.get(value, 0) for value in Project.Status.values},
        },
        "money": {
            "received_by_source": received,
            "spent_by_source": spent,
            "received": sum(received.values(), ZERO),
            "spent": sum(spent.values(), ZERO),
        },
        "activities": {"by_kind": activity_rows, "total": activity_total},
    }


def activity_rows(start: date, end: date) -> list[dict]:
    """The activities held in the period, one row each, for the report's lists."""
    kinds = dict(Activity.Kind.choices)
    rows = Activity.objects.filter(date__range=(start, end)).order_by("date", "pk").values(
        "date", "title", "kind", "site__name", "participants", "volunteers", "volunteer_hours", "beneficiaries", "books"
    )
    return [{**row, "kind": str(kinds[row["kind"]])} for row in rows]
