"""The figures of the training front for a period, computed by the database."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from redcross.choices import FundingSource
from redcross.dates import Dated
from redcross.formats import by_place, first_rows

from .models import Base, BaseFunding, Certificate, Course, Registration, Session, Visit

ZERO = Decimal("0.00")
# The records the figures read, by the dates that place them in a period (see projects.summary.DATED).
DATED = {
    Session: Dated(("starts_at",)),
    Registration: Dated(("session__starts_at",), counted=("status", "attended")),
    Certificate: Dated(("issued_on",), counted=("course", "trainee")),
    Visit: Dated(("date",), counted=("base", "headcount")),
    Base: Dated(("opened_on", "closed_on", "standardised_since", "standardised_until"), counted=("seats", "name")),
    BaseFunding: Dated(("spent_on",)),
}


def held_sessions(start: date, end: date):
    """Sessions held in the period: marked held, and begun by now (a period still open counts none ahead)."""
    return Session.objects.filter(
        status=Session.Status.HELD, starts_at__date__range=(start, end), starts_at__lte=timezone.now()
    )


def trainees_of_session():
    """A session's trainees: those who attended, or the headcount recorded for a session held without names.

    The count of attendees is written once in the SQL (a `CASE` would repeat the subquery for every session)."""
    attended = Subquery(
        Registration.objects.filter(session=OuterRef("pk"), attended=True)
        .order_by().values("session").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    return Coalesce(NullIf(attended, 0), "headcount", 0, output_field=IntegerField())


def _grouped(sessions, field: str) -> dict:
    rows = sessions.values(field).annotate(n=Count("pk"), people=Sum(trainees_of_session())).order_by(field)
    return {row[field]: {"sessions": row["n"], "trainees": row["people"] or 0} for row in rows}


def bases_in_service(day: date):
    return Base.objects.filter(Q(opened_on__isnull=True) | Q(opened_on__lte=day)).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


def group_visits(start: date, end: date) -> dict:
    """Group visits to the bases in the period and their visitors, in all and by base."""
    visits = Visit.objects.filter(date__range=(start, end))
    by_base = visits.values("base__name").annotate(n=Count("pk"), people=Sum("headcount")).order_by("base__name")
    return {
        **visits.aggregate(visits=Count("pk"), visitors=Coalesce(Sum("headcount"), Value(0))),
        "by_base": {row["base__name"]: {"visits": row["n"], "visitors": row["people"]} for row in by_base},
    }


def visit_rows(start: date, end: date) -> list[dict]:
    """The group visits to the bases in the period, one row each, for the report's lists."""
    rows = Visit.objects.filter(date__range=(start, end)).order_by("date", "pk").values(
        "date", "base__name", "organisation", "headcount"
    )
    return [{"date": row["date"], "place": row["base__name"], "organisation": row["organisation"],
             "visitors": row["headcount"]} for row in rows]


def summary(start: date, end: date) -> dict:
    """Figures for the days from `start` to `end`, both included (dates in Asia/Shanghai).

    Sessions count when held in the period; trainees are those who attended, or the headcount recorded for a
    session held without names. Bases are counted as they stand at the end of the period.
    """
    sessions = held_sessions(start, end)
    totals = sessions.aggregate(sessions=Count("pk"), trainees=Coalesce(Sum(trainees_of_session()), 0))
    by_kind = _grouped(sessions, "course__kind")
    certificates = Certificate.objects.filter(issued_on__range=(start, end))

    bases = bases_in_service(end)
    funding = dict(
        BaseFunding.objects.filter(spent_on__range=(start, end)).values("source").annotate(total=Sum("amount"))
        .values_list("source", "total").order_by()
    )
    money = {value: funding.get(value, ZERO) for value in FundingSource.values}

    months = (
        sessions.annotate(month=TruncMonth("starts_at")).values("month")
        .annotate(n=Count("pk"), people=Sum(trainees_of_session())).order_by("month")
    )
    return {
        "period": {"start": start, "end": end},
        "trainees_by_month": [
            {"month": row["month"].strftime("%Y-%m"), "sessions": row["n"], "trainees": row["people"] or 0}
            for row in months
        ],
        "sessions": {
            **totals,
            "by_course_kind": {kind: by_kind.get(kind, {"sessions": 0, "trainees": 0}) for kind in Course.Kind.values},
            "by_course": _grouped(sessions, "course__name"),
            "by_audience": _grouped(sessions, "audience"),
            "by_place": {
                (key or ""): value for key, value in _grouped(
                    sessions.annotate(place=Coalesce("base__name", "venue")), "place"
                ).items()
            },
        },
        "first_aiders": {
            "certificates": certificates.count(),
            "certified_people": certificates.filter(course__kind=Course.Kind.FIRST_AIDER)
            .values("trainee").distinct().count(),
        },
        "elder_care_trainees": by_kind.get(Course.Kind.ELDER_CARE, {}).get("trainees", 0),
        "visits": group_visits(start, end),
        "bases": {
            "in_service": bases.count(),
            "standardised": bases.filter(standardised_since__lte=end).exclude(standardised_until__lte=end).count(),
            "seats": bases.aggregate(n=Coalesce(Sum("seats"), Value(0)))["n"],
            "money_by_source": money,
            "money": sum(money.values(), ZERO),
        },
    }


def session_rows(start: date, end: date) -> list[dict]:
    """The sessions held in the period, one row each, for the report's lists."""
    audiences = dict(Session.Audience.choices)
    rows = (
        held_sessions(start, end).annotate(trainees=trainees_of_session(), place=Coalesce("base__name", "venue"))
        .order_by("starts_at", "pk").values("starts_at", "course__name", "place", "audience", "organiser", "trainees")
    )
    return [{**row, "audience": str(audiences[row["audience"]])} for row in rows]


# What the staff's dashboard reads beside the reports' figures: one query each, whatever the number of rows.


def trainees_by_month(start: date, end: date) -> dict[str, dict]:
    """Sessions held from `start` to `end` by month ("2026-03", in the branch's time zone): how many, and their
    trainees as the reports count them. Months without any are left out."""
    rows = (
        held_sessions(start, end).annotate(month=TruncMonth("starts_at")).values("month")
        .annotate(n=Count("pk"), people=Sum(trainees_of_session())).order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): {"sessions": row["n"], "trainees": row["people"] or 0} for row in rows}


def sessions_by_town(start: date, end: date) -> dict[str, int]:
    """Sessions held in the period by the street or town of their base, or else of the Red Cross position the base
    is linked to ("" where neither says, or the session was not at a base)."""
    sessions = held_sessions(start, end).annotate(
        town=Coalesce(NullIf("base__town", Value("")), "base__red_cross_position__town"),
    )
    return by_place(sessions.values("town").annotate(n=Count("pk")).values_list("town", "n").order_by())


def _registrations(status: str) -> Coalesce:
    counted = (
        Registration.objects.filter(session=OuterRef("pk"), status=status)
        .order_by().values("session").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def sessions_starting(start: datetime, end: datetime, limit: int) -> dict:
    """Sessions (not cancelled) starting from `start` to `end`, soonest first: pk, title (the course's when none),
    starts_at, place, seats, taken (confirmed sign-ups) and waiting (on the waiting list)."""
    sessions = (
        Session.objects.filter(starts_at__range=(start, end)).exclude(status=Session.Status.CANCELLED)
        .annotate(
            name=Coalesce(NullIf("title", Value("")), "course__name"), place=Coalesce("base__name", "venue"),
            taken=_registrations(Registration.Status.CONFIRMED), waiting=_registrations(Registration.Status.WAITING),
        )
        .order_by("starts_at", "pk")
    )
    return first_rows(sessions, limit, "pk", "name", "starts_at", "place", "seats", "taken", "waiting")


def agreements_ending(start: date, end: date, limit: int) -> dict:
    """Bases in service whose use agreement ends from `start` to `end`, soonest first: pk, name, agreement_end."""
    bases = bases_in_service(start).filter(agreement_end__range=(start, end)).order_by("agreement_end", "pk")
    return first_rows(bases, limit, "pk", "name", "agreement_end")


def certificates_expiring(start: date, end: date, limit: int) -> dict:
    """Certificates (not revoked) expiring from `start` to `end`, soonest first: pk, number, course__name,
    expires_on. Never the holder."""
    certificates = Certificate.objects.filter(expires_on__range=(start, end), revoked=False).order_by(
        "expires_on", "number"
    )
    return first_rows(certificates, limit, "pk", "number", "course__name", "expires_on")


def visits_by_month(start: date, end: date) -> dict[str, dict]:
    """Group visits to the bases by month: visits and visitors (see group_visits)."""
    rows = (
        Visit.objects.filter(date__range=(start, end)).annotate(month=TruncMonth("date")).values("month")
        .annotate(n=Count("pk"), people=Coalesce(Sum("headcount"), 0)).order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): {"visits": row["n"], "visitors": row["people"]} for row in rows}
