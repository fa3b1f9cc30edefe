"""The figures of a report: the three fronts' summaries for the period, a year earlier, and since each front began.

Figures of a flow (activities held, money received) add up over the days of the period; figures of a state (sites,
bases, correspondents) are read as they stood at the end of the period, from the records' dates. A period that has
not ended yet is counted up to the day the data is taken. Totals from before the portal (opening totals) are added
to the running totals and to the states.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import reduce
from operator import getitem
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects import summary as projects_summary
from publicity import summary as publicity_summary
from redcross.models import BranchProfile
from training import summary as training_summary

from .facts import FLOW, ORIGINS, RANK, READING, STATE, Fact
from .group_visits import group_visits, positions_by_kind
from .periods import Period

OPENING = (FLOW, STATE)  # the kinds of figure an opening total can be given for
SAME_DAYS_A_YEAR_EARLIER = "上年同期"  # how a leader names the same days of last year in a period not yet over
EARLIEST = date(1900, 1, 1)  # "since the start" of a front with no start date: every record


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


SITES, PROJECTS, YUAN = pgettext_lazy("unit", "sites"), pgettext_lazy("unit", "projects"), pgettext_lazy("unit", "yuan")
TIMES, PEOPLE, PERSON_TIMES = (
    pgettext_lazy("unit", "times"), pgettext_lazy("unit", "people"), pgettext_lazy("unit", "person-times")
)
PIECES, ARTICLES = pgettext_lazy("unit", "pieces"), pgettext_lazy("unit", "articles")
HOURS, BOOKS = pgettext_lazy("unit", "hours"), pgettext_lazy("unit", "books")
SESSIONS = pgettext_lazy("unit", "sessions")
CERTIFICATES, VISITS, SEATS = (
    pgettext_lazy("unit", "certificates"), pgettext_lazy("unit", "visits"), pgettext_lazy("unit", "seats")
)
PLACEMENT = "correspondents"
DONATIONS = pgettext_lazy("unit", "donations")


def _level(f, level):
    return f["placements"]["by_level"][level]


def _positions(f, status: str) -> int:
    return sum(row[status] for row in f["positions"]["by_kind"])



FACTS = [
    Fact("sites", "projects", _("Fraternity Home and project sites"), SITES, lambda f: f["sites"]["total"], STATE),
    Fact("sites_built", "projects", _("sites built"), SITES, lambda f: f["sites"]["by_status"]["built"], STATE),
    Fact("sites_new", "projects", _("sites taken on"), SITES, lambda f: f["sites"]["new"]),
    Fact("facilities_new", "projects", _("new facilities"), SITES, lambda f: f["facilities"]["new"]),
    Fact("facilities_in_service", "projects", _("facilities in service"), SITES,
         lambda f: f["facilities"]["in_service"], STATE),
    Fact("projects_completed", "projects", _("projects completed and accepted"), PROJECTS,
         lambda f: f["projects"]["steps_in_period"]["completed"]),
    Fact("projects_approved", "projects", _("projects approved"), PROJECTS,
         lambda f: f["projects"]["steps_in_period"]["approved"]),
    Fact("money_received", "projects", _("project money received"), YUAN, lambda f: f["money"]["received"],
         money=True),
    Fact("money_provincial", "projects", _("of which provincial subsidy"), YUAN,
         lambda f: f["money"]["received_by_source"]["provincial"], money=True),
    Fact("money_self_raised", "projects", _("of which self-raised"), YUAN,
         lambda f: f["money"]["received_by_source"]["self_raised"], money=True),
    Fact("money_spent", "projects", _("project money spent"), YUAN, lambda f: f["money"]["spent"], money=True),
    Fact("activities", "projects", _("activities at the sites"), TIMES, lambda f: f["activities"]["total"]["count"]),
    Fact("participants", "projects", _("participants in activities"), PERSON_TIMES,
         lambda f: f["activities"]["total"]["participants"]),
    Fact("volunteers", "projects", pgettext_lazy("report figure", "volunteers in activities"), PERSON_TIMES,
         lambda f: f["activities"]["total"]["volunteers"]),
    Fact("volunteer_hours", "projects", _("volunteer service hours"), HOURS,
         lambda f: f["activities"]["total"]["volunteer_hours"]),
    Fact("beneficiaries", "projects", _("beneficiaries"), PERSON_TIMES,
         lambda f: f["activities"]["total"]["beneficiaries"]),
    Fact("books", "projects", _("books collected"), BOOKS, lambda f: f["activities"]["total"]["books"]),
    Fact("positions_passed", "projects", _("positions meeting their standard"), SITES,
         lambda f: _positions(f, "passed"), STATE),
    Fact("positions_new", "projects", _("positions newly up to standard"), SITES,
         lambda f: _positions(f, "new")),
    Fact("assessments", "projects", _("assessments of positions"), TIMES,
         lambda f: sum(f["positions"]["assessments"].values())),
    Fact("sessions", "training", _("training sessions held"), SESSIONS, lambda f: f["sessions"]["sessions"]),
    Fact("trainees", "training", _("people trained"), PERSON_TIMES, lambda f: f["sessions"]["trainees"]),
    Fact("awareness_trainees", "training", _("trained in first-aid awareness"), PERSON_TIMES,
         lambda f: f["sessions"]["by_course_kind"]["awareness"]["trainees"]),
    Fact("first_aider_trainees", "training", _("trained as first-aiders"), PERSON_TIMES,
         lambda f: f["sessions"]["by_course_kind"]["first_aider"]["trainees"]),
    Fact("certificates", "training", _("first-aider certificates issued"), CERTIFICATES,
         lambda f: f["first_aiders"]["certificates"]),
    Fact("elder_care_trainees", "training", _("trained in elder care"), PERSON_TIMES,
         lambda f: f["elder_care_trainees"]),
    Fact("bases", "training", _("training bases in service"), SITES, lambda f: f["bases"]["in_service"], STATE),
    Fact("standard_bases", "training", _("bases meeting the provincial standard"), SITES,
         lambda f: f["bases"]["standardised"], STATE),
    Fact("seats", "training", _("seats at the bases"), SEATS, lambda f: f["bases"]["seats"], STATE),
    Fact("base_money", "training", _("money spent on the bases"), YUAN, lambda f: f["bases"]["money"], money=True),
    Fact("placements", "publicity", pgettext_lazy("report figure", "placements"), PIECES,
         lambda f: f["placements"]["total"], origin=PLACEMENT),
    Fact("national", "publicity", _("placements in national media"), PIECES, lambda f: _level(f, "national"),
         origin=PLACEMENT),
    Fact("headquarters", "publicity", _("placements with the Red Cross Society of China"), PIECES,
         lambda f: _level(f, "headquarters"), origin=PLACEMENT),
    Fact("provincial_red_cross", "publicity", _("placements in the provincial Red Cross system"), PIECES,
         lambda f: _level(f, "provincial_red_cross"), origin=PLACEMENT),
    Fact("research_articles", "publicity", _("research articles"), ARTICLES,
         lambda f: f["placements"]["research_articles"], origin=PLACEMENT),
    Fact("provincial_municipal", "publicity", _("placements in provincial and municipal media"), PIECES,
         lambda f: _level(f, "provincial") + _level(f, "prefecture"), origin=PLACEMENT),
    Fact("local", "publicity", _("placements in local city media"), PIECES, lambda f: _level(f, "local"),
         origin=PLACEMENT),
    Fact("other_placements", "publicity", _("placements in self-media and other outlets"), PIECES,
         lambda f: _level(f, "other"), origin=PLACEMENT),
    Fact("correspondents", "publicity", _("special correspondents serving"), PEOPLE,
         lambda f: f["correspondents"]["active"], STATE, origin=PLACEMENT),
    Fact("wechat_articles", "publicity", _("WeChat articles"), PIECES, lambda f: f["wechat"]["by_kind"]["article"],
         origin="wechat"),
    Fact("wechat_videos", "publicity", _("WeChat videos"), PIECES, lambda f: f["wechat"]["by_kind"]["video"],
         origin="wechat"),
    Fact("wechat_reads", "publicity", _("WeChat reads"), TIMES, lambda f: f["wechat"]["reads"], origin="wechat"),
    Fact("reposts", "publicity", _("posts reposted by the provincial society or headquarters"), TIMES,
         lambda f: f["wechat"]["reposted_by_provincial"] + f["wechat"]["reposted_by_headquarters"], origin="wechat"),
    Fact("followers", "publicity", _("WeChat followers"), PEOPLE, lambda f: f["wechat"]["followers"], READING),
    Fact("best_rank", "publicity", _("best ranking among the province's Red Cross accounts"), "",
         lambda f: f["wechat"]["best_rank"], RANK, origin="wechat"),
    Fact("news_articles", "publicity", _("news published on the portal"), ARTICLES, lambda f: f["news_articles"]),
    # Counted once for the bases and the positions (group_visits.py); the Word report says them with the positions.
    Fact("visits", "visits", _("group visits received"), VISITS, lambda f: f["visits"]),
    Fact("visitors", "visits", _("group visitors"), PERSON_TIMES, lambda f: f["visitors"]),
]
# Donations (projects.summary.donations), in yuan with goods at their estimated value: (key, label, unit, where).
FACTS += [
    Fact(key, "donations", label, unit, lambda f, path=path: reduce(getitem, path.split("."), f),
         STATE if path.startswith("to_date.") else FLOW, money=unit is YUAN)
    for key, label, unit, path in (
        ("donations_received", _("donations received, money and goods"), YUAN, "received.value"),
        ("donations_count", _("number of donations"), DONATIONS, "received.count"),
        ("donations_money", _("of which money"), YUAN, "received.money"),
        ("donations_goods", _("of which goods, at their estimated value"), YUAN, "received.goods"),
        ("donations_directed", _("of which directed by the donor"), YUAN, "received.directed"),
        ("donations_from_people", _("of which from individuals"), YUAN, "by_donor.person.value"),
        ("donations_from_organisations", _("of which from organisations"), YUAN, "by_donor.organisation.value"),
        ("donations_anonymous", _("of which anonymous"), YUAN, "by_donor.anonymous.value"),
        ("donations_used", _("donations used"), YUAN, "allocated.value"),
        ("donations_for_projects", _("of which for projects"), YUAN, "allocated.project"),
        ("donations_for_relief", _("of which for relief"), YUAN, "allocated.relief"),
        ("relief_people", _("people helped by relief from donations"), PERSON_TIMES, "allocated.people_helped"),
        ("donations_remaining", _("donations not yet used"), YUAN, "to_date.remaining"),
    )
]
FRONTS = {
    "projects": (_("Humanitarian projects"), projects_summary.summary),
    "training": (_("First-aid and elder-care training"), training_summary.summary),
    "publicity": (_("Publicity"), publicity_summary.summary),
    "visits": (_("Group visits"), group_visits),
    "donations": (_("Donations"), projects_summary.donations),
}


class _Counter:
    """Each front's summary of a range of days, computed once however many figures read it."""

    def __init__(self):
        self.done: dict[tuple[str, date, date], dict] = {}

    def summary(self, front: str, start: date, end: date) -> dict:
        if (front, start, end) not in self.done:
            self.done[front, start, end] = FRONTS[front][1](start, end)
        return self.done[front, start, end]

    def facts(self, front: str, start: date, end: date) -> dict[str, Any]:
        summary = self.summary(front, start, end)
        return {fact.key: _number(fact.value(summary)) for fact in FACTS if fact.front == front}

    def period(self, start: date, end: date) -> dict[str, Any]:
        return {key: value for front in FRONTS for key, value in self.facts(front, start, end).items()}


def openings_on(day: date) -> dict[str, tuple[float, date]]:
    """The latest opening total of each figure dated on or before `day`: figure → (value, as of)."""
    from .models import OpeningTotal

    latest = OpeningTotal.objects.filter(figure=OuterRef("figure"), as_of__lte=day).order_by("-as_of")
    rows = OpeningTotal.objects.filter(pk=Subquery(latest.values("pk")[:1]))
    return {row.figure: (float(row.value), row.as_of) for row in rows}


def _with_openings(values: dict[str, Any], openings: dict[str, tuple[float, date]]) -> dict[str, Any]:
    """States with the opening totals of states (openings_on the same day) added."""
    return {
        key: (value or 0) + openings[key][0] if key in openings and FACT_BY_KEY[key].kind == STATE else value
        for key, value in values.items()
    }


def started(profile: BranchProfile) -> dict[str, date | None]:
    return {origin: getattr(profile, field) for origin, field in ORIGINS.items()}


def since_start(
    counter: _Counter, end: date, current: dict[str, Any], starts: dict[str, date | None],
    openings: dict[str, tuple[float, date]],
) -> dict:
    """Each figure since its front began, up to `end`: flows summed (opening total + records after its date),
    states as they stood at `end`. `openings` are those on `end`."""
    values = {}
    for fact in FACTS:
        if fact.kind in (STATE, READING):
            values[fact.key] = current[fact.key]
            continue
        start = starts.get(fact.since_origin or "") or EARLIEST
        opening = openings.get(fact.key) if fact.kind == FLOW else None
        if opening is not None:
            start = max(start, opening[1] + timedelta(days=1))
        counted = counter.facts(fact.front, start, end)[fact.key]
        values[fact.key] = (counted or 0) + opening[0] if opening is not None else counted
    return values


def counted_period(period: Period, taken_at: datetime) -> tuple[Period, bool]:
    """The days actually counted: the whole period once it has ended, otherwise up to the day the data is taken."""
    today = timezone.localtime(taken_at).date()
    if period.end < today:
        return period, False
    return Period(period.kind, period.start, max(min(period.end, today), period.start)), True


def collect(period: Period, taken_at: datetime | None = None) -> dict:
    """Everything a report shows, as plain JSON-ready data, as the records stood at `taken_at` (now by default)."""
    taken_at = taken_at or timezone.now()
    counted, is_open = counted_period(period, taken_at)
    earlier = counted.year_earlier()
    counter = _Counter()
    profile = BranchProfile.load()
    starts = started(profile)
    openings = openings_on(counted.end)
    current = _with_openings(counter.period(counted.start, counted.end), openings)
    training, publicity, projects, visits = (counter.summary(front, counted.start, counted.end)
                                             for front in ("training", "publicity", "projects", "visits"))
    return {
        "period": {
            "kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat(),
            "name": period.name, "earlier": SAME_DAYS_A_YEAR_EARLIER if is_open else earlier.name,
            "open": is_open, "counted_to": counted.end.isoformat(),
            "taken_at": timezone.localtime(taken_at).isoformat(timespec="minutes"),
        },
        "started": {origin: day.isoformat() if day else None for origin, day in starts.items()},
        "current": current,
        "previous": _with_openings(counter.period(earlier.start, earlier.end), openings_on(earlier.end)),
        "since": since_start(counter, counted.end, current, starts, openings),
        "positions": positions_by_kind(projects, visits),
        "trainees_by_month": training["trainees_by_month"],
        "by_level": dict(publicity["placements"]["by_level"]),
        "money_by_source": {source: _number(amount)
                            for source, amount in projects["money"]["received_by_source"].items()},
        "top_correspondents": [
            {"rank": row["rank"], "name": row["name"], "placements": row["placements"],
             "points": _number(row["points"])}
            for row in publicity["correspondents"]["top"]
        ],
    }


FACT_BY_KEY = {fact.key: fact for fact in FACTS}
