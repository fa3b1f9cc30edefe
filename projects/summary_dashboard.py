"""What the staff's dashboard reads of the projects front beside the reports' figures: month-by-month series, where
the work happened, and the records waiting for someone. Each function is one query, whatever the number of rows.

Re-exported by projects.summary, the only module of this app that the reports import.
"""

from datetime import date

from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from redcross.formats import by_place, first_rows

from .models import ZERO, Activity, Donation, GroupBooking, Project, ProjectTransition


def _by_month(queryset, day: str, **sums) -> dict[str, dict]:
    rows = queryset.annotate(month=TruncMonth(day)).values("month").annotate(**sums).order_by("month")
    return {row["month"].strftime("%Y-%m"): {key: row[key] for key in sums} for row in rows}


def activities_by_month(start: date, end: date) -> dict[str, dict]:
    """Activities held from `start` to `end` by month ("2026-03"): how many, and their participants and
    beneficiaries. Months without any are left out."""
    return _by_month(
        Activity.objects.filter(date__range=(start, end)), "date", count=Count("pk"),
        participants=Coalesce(Sum("participants"), 0), beneficiaries=Coalesce(Sum("beneficiaries"), 0),
    )


def group_visits_by_month(start: date, end: date) -> dict[str, dict]:
    """Group visits held at positions by month of their slot's day: visits and the visitors who came."""
    held = GroupBooking.objects.filter(status=GroupBooking.Status.HELD, slot__date__range=(start, end))
    return _by_month(held, "slot__date", visits=Count("pk"), visitors=Coalesce(Sum("attended"), 0))


def donations_by_month(start: date, end: date) -> dict[str, dict]:
    """Donations received by month: their value in yuan (goods at their estimated value) and their number."""
    money = DecimalField(max_digits=14, decimal_places=2)
    gifts = Donation.objects.filter(received_on__range=(start, end)).annotate(
        gift=Coalesce("amount", "estimated_value", output_field=money)
    )
    return _by_month(gifts, "received_on", value=Coalesce(Sum("gift"), Value(ZERO), output_field=money),
                     count=Count("pk"))


def activities_by_town(start: date, end: date) -> dict[str, int]:
    """Activities held in the period by the street or town of their site ("" for none given)."""
    rows = (
        Activity.objects.filter(date__range=(start, end)).values("site__town").annotate(n=Count("pk"))
        .values_list("site__town", "n").order_by()
    )
    return by_place(rows)


def group_visits_by_town(start: date, end: date) -> dict[str, int]:
    """Group visits held at positions in the period by the street or town of the position."""
    rows = (
        GroupBooking.objects.filter(status=GroupBooking.Status.HELD, slot__date__range=(start, end))
        .values("slot__site__town").annotate(n=Count("pk")).values_list("slot__site__town", "n").order_by()
    )
    return by_place(rows)


def projects_awaiting_decision(limit: int) -> dict:
    """Projects applied for and not yet decided, longest waiting first: pk, title, year, applied_on (the day of the
    application, None when it was recorded without its step)."""
    applied_on = ProjectTransition.objects.filter(project=OuterRef("pk"), to_status=Project.Status.APPLIED)
    waiting = Project.objects.filter(status=Project.Status.APPLIED).annotate(
        applied_on=Subquery(applied_on.order_by("-on", "-pk").values("on")[:1])
    )
    return first_rows(waiting.order_by("applied_on", "pk"), limit, "pk", "title", "year", "applied_on")


def bookings_awaiting_confirmation(limit: int) -> dict:
    """Group visit bookings still awaiting confirmation, earliest slot first: pk, organisation, headcount, the
    slot's date and start and the position's name. Never the contact person or mobile."""
    requested = GroupBooking.objects.filter(status=GroupBooking.Status.REQUESTED).order_by(
        "slot__date", "slot__starts_at", "pk"
    )
    return first_rows(requested, limit, "pk", "organisation", "headcount", "slot__date", "slot__starts_at",
                  "slot__site__name")
