"""The figures of the humanitarian-projects front for a period, computed by the database."""

from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from redcross.dates import Dated

from .models import (
    NOT_ASSESSED,
    ZERO,
    Activity,
    Assessment,
    Facility,
    FacilityKind,
    FundingLine,
    FundingSource,
    GroupBooking,
    Project,
    ProjectTransition,
    Site,
    SpendingLine,
    VisitSlot,
    in_service_on,
    result_on,
)
from .summary_dashboard import (  # noqa: F401  the staff's dashboard reads them here
    activities_by_month,
    activities_by_town,
    bookings_awaiting_confirmation,
    donations_by_month,
    group_visits_by_month,
    group_visits_by_town,
    projects_awaiting_decision,
)
from .summary_donations import DATED as DONATIONS_DATED
from .summary_donations import allocation_rows, donation_rows, donations  # noqa: F401  the reports read them here

# The records the figures read, by the dates that place them in a period: a change to one makes the reports that
# counted that day out of date.
DATED = {
    # A site's and a facility's state is read from its dates alone: a status changed with its date moves only
    # the periods from that date on; its kind of position decides where it is counted among positions.
    Site: Dated(("started_on", "built_on", "closed_on"), counted=("position_kind",)),
    Facility: Dated(("opened_on", "retired_on"), counted=("kind",)),
    Project: Dated(("year",), counted=("funding",)),
    ProjectTransition: Dated(("on",)),
    FundingLine: Dated(("received_on",)),
    SpendingLine: Dated(("spent_on",)),
    Activity: Dated(("date",)),
    # An assessment's result gives its position's status from its day on.
    Assessment: Dated(("assessed_on",), counted=("result", "site")),
    # A group visit counts on its slot's day, once held, with the visitors who came, at the slot's position.
    VisitSlot: Dated(("date",), counted=("site",)),
    GroupBooking: Dated(("slot__date",), counted=("status", "attended", "slot")),
    # A donation counts on the day it was received, a use of it on its own day (summary_donations.py).
    **DONATIONS_DATED,
}
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


def sites_on(day: date):
    """The sites the branch had on `day` (taken on, not closed), each with `status_then`: its status on that day."""
    status_then = Case(
        When(built_on__lte=day, then=Value(Site.Status.BUILT)),
        When(status=Site.Status.SURVEYED, then=Value(Site.Status.SURVEYED)),
        default=Value(Site.Status.PILOT),
    )
    return Site.objects.filter(started_on__lte=day).exclude(closed_on__lte=day).annotate(status_then=status_then)


def status_on(day: date):
    """A project's status on `day`: the last step of its life cycle taken by then, or its first status."""
    last = ProjectTransition.objects.filter(project=OuterRef("pk"), on__lte=day).order_by("-on", "-pk")
    return Coalesce(Subquery(last.values("to_status")[:1]), Value(Project.Status.DRAFT))


POSITION_STATUSES = (NOT_ASSESSED, *Assessment.Result.values)


def positions_on(day: date, start: date | None = None) -> list[dict]:
    """Positions by kind on `day` (kinds with none left out), each with its count by status, which the latest
    assessment by then decides, and, given `start`, the positions that first met the standard in the period ("new").
    One query, whatever the number of sites."""
    sites = sites_on(day).annotate(position_status=result_on(day))
    counts = {status: Count("pk", filter=Q(position_status=status)) for status in POSITION_STATUSES}
    if start is not None:
        before = Assessment.objects.filter(site=OuterRef("pk"), result=Assessment.Result.PASSED, assessed_on__lt=start)
        sites = sites.annotate(passed_before=Exists(before))
        counts["new"] = Count("pk", filter=Q(position_status=Assessment.Result.PASSED, passed_before=False))
    rows = (
        sites.values("position_kind__order", "position_kind__name", "position_kind__measure_word")
        .annotate(total=Count("pk"), **counts).order_by("position_kind__order", "position_kind__name")
    )
    return [{"kind": row["position_kind__name"], "unit": row["position_kind__measure_word"],
             **{key: row[key] for key in ("total", *counts)}} for row in rows]


def assessments_held(start: date, end: date) -> dict[str, int]:
    """Assessments held in the period, by result."""
    found = dict(
        Assessment.objects.filter(assessed_on__range=(start, end))
        .values("result").annotate(n=Count("pk")).values_list("result", "n").order_by()
    )
    return {value: found.get(value, 0) for value in Assessment.Result.values}


def assessments_by_kind(start: date, end: date) -> dict[str, int]:
    """Assessments held in the period, by the kind of the position assessed (kinds with none left out)."""
    return dict(
        Assessment.objects.filter(assessed_on__range=(start, end)).values("site__position_kind__name")
        .annotate(n=Count("pk")).values_list("site__position_kind__name", "n").order_by()
    )


def position_rows(day: date) -> list[dict]:
    """The positions the branch had on `day`, one row each with its status then and the day of its latest
    assessment by then, for the report's lists."""
    latest = Assessment.objects.filter(site=OuterRef("pk"), assessed_on__lte=day).order_by("-assessed_on", "-pk")
    last_assessed_on = Subquery(latest.values("assessed_on")[:1])
    return list(
        sites_on(day).annotate(position_status=result_on(day), last_assessed_on=last_assessed_on)
        .order_by("position_kind__order", "position_kind__name", "name", "pk")
        .values("name", "position_kind__name", "town", "position_status", "last_assessed_on")
    )


def held_visits(start: date, end: date):
    """Group visits to positions held in the period: bookings recorded as held, on their slot's day."""
    return GroupBooking.objects.filter(status=GroupBooking.Status.HELD, slot__date__range=(start, end))


def group_visits(start: date, end: date) -> dict:
    """Group visits to positions held in the period and their visitors (those who came, not the number asked for),
    in all, by kind of position and by position; and the bookings of the period's slots by what became of them."""
    held = held_visits(start, end)
    people = Coalesce(Sum("attended"), 0)
    kind = ("slot__site__position_kind__order", "slot__site__position_kind__name")
    by_kind = held.values(*kind).annotate(visits=Count("pk"), visitors=people).order_by(*kind)
    by_position = (
        held.values("slot__site", "slot__site__name", kind[1]).annotate(visits=Count("pk"), visitors=people)
        .order_by("slot__site__name", "slot__site")
    )
    return {
        **held.aggregate(visits=Count("pk"), visitors=people),
        "by_kind": [{"kind": row[kind[1]], "visits": row["visits"], "visitors": row["visitors"]} for row in by_kind],
        "by_position": [
            {"position": row["slot__site__name"], "kind": row[kind[1]], "visits": row["visits"],
             "visitors": row["visitors"]}
            for row in by_position
        ],
        "bookings": _counts(GroupBooking.objects.filter(slot__date__range=(start, end)), "status", GroupBooking.Status),
    }


def group_visit_rows(start: date, end: date) -> list[dict]:
    """The group visits to positions held in the period, one row each, for the report's lists: never the contact
    person's name or mobile."""
    ages = dict(GroupBooking.AgeGroup.choices)
    rows = held_visits(start, end).order_by("slot__date", "slot__starts_at", "pk").values(
        "slot__date", "slot__site__name", "organisation", "age_group", "attended"
    )
    return [
        {"date": row["slot__date"], "place": row["slot__site__name"], "organisation": row["organisation"],
         "age_group": str(ages[row["age_group"]]), "visitors": row["attended"]}
        for row in rows
    ]


def summary(start: date, end: date) -> dict:
    """Figures for the days from `start` to `end`, both included (dates in Asia/Shanghai).

    Sites are counted as they stood at the end of the period; facilities by kind, new in the period and in service
    at its end; projects of the years the period touches by their status at its end and funding, and the steps of
    their life cycle taken in the period; money received and spent in the period by source; activities held in the
    period by kind.
    """
    kinds = FacilityKind.objects.annotate(
        new=Count("facilities", filter=Q(facilities__opened_on__range=(start, end))),
        in_service=Count("facilities", filter=in_service_on(end, "facilities__")),
    ).order_by("order", "name")
    facilities_by_kind = [
        {"kind": kind.name, "new": kind.new, "in_service": kind.in_service}
        for kind in kinds
        if kind.new or kind.in_service
    ]

    projects = Project.objects.filter(year__range=(start.year, end.year)).annotate(status_then=status_on(end))
    steps = dict(
        ProjectTransition.objects.filter(on__range=(start, end))
        .values("to_status").annotate(n=Count("pk")).values_list("to_status", "n").order_by()
    )

    sites = sites_on(end)
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
            "total": sites.count(),
            "by_status": _counts(sites, "status_then", Site.Status),
            "new": sites.filter(started_on__gte=start).count(),
            "built_in_period": sites.filter(built_on__range=(start, end)).count(),
        },
        "facilities": {
            "by_kind": facilities_by_kind,
            "new": Facility.objects.filter(opened_on__range=(start, end)).count(),
            "in_service": Facility.objects.filter(in_service_on(end)).count(),
        },
        "projects": {
            "total": projects.count(),
            "by_status": _counts(projects, "status_then", Project.Status),
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
        "positions": {
            "by_kind": positions_on(end, start),
            "assessments": assessments_held(start, end),
            "assessments_by_kind": assessments_by_kind(start, end),
        },
    }


def activity_rows(start: date, end: date) -> list[dict]:
    """The activities held in the period, one row each, for the report's lists."""
    kinds = dict(Activity.Kind.choices)
    rows = Activity.objects.filter(date__range=(start, end)).order_by("date", "pk").values(
        "date", "title", "kind", "site__name", "participants", "volunteers", "volunteer_hours", "beneficiaries", "books"
    )
    return [{**row, "kind": str(kinds[row["kind"]])} for row in rows]
