"""The year so far against the same days of last year, front by front, and each front's months against last year's.

The figures are the reports' own (figures.collect of the current year, which counts a year not yet over up to the
day the data is taken and the same days a year earlier): the dashboard counts nothing the reports do not. The
series are one grouped query per front over the two years, from the apps' summary modules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from projects import summary as projects_summary
from publicity import summary as publicity_summary
from training import summary as training_summary

from .. import periods
from ..figures import FACT_BY_KEY, SAME_DAYS_A_YEAR_EARLIER, collect
from ..figures import FRONTS as REPORT_FRONTS


def _visitors_by_month(start: date, end: date) -> dict[str, dict]:
    """Group visitors by month, at the bases and at the positions, counted once as figures.group_visits does."""
    at_bases = training_summary.visits_by_month(start, end)
    at_positions = projects_summary.group_visits_by_month(start, end)
    return {
        month: {"visitors": at_bases.get(month, {}).get("visitors", 0) + at_positions.get(month, {}).get("visitors", 0)}
        for month in at_bases.keys() | at_positions.keys()
    }


@dataclass(frozen=True)
class Front:
    key: str
    label: Any
    figures: tuple[str, ...]  # keys of figures.FACTS, in the order shown
    series_fact: str  # the figure the chart counts month by month: its label and unit
    by_month: Callable[[date, date], dict[str, dict]]
    series_value: str  # what of by_month's months the chart shows


FRONTS = (
    Front("projects", REPORT_FRONTS["projects"][0],
          ("sites", "facilities_in_service", "money_received", "money_spent", "activities", "beneficiaries"),
          "activities", projects_summary.activities_by_month, "count"),
    Front("positions", _("Red Cross positions"),
          ("positions_passed", "positions_new", "assessments", "visits", "visitors"),
          "visitors", _visitors_by_month, "visitors"),
    Front("donations", REPORT_FRONTS["donations"][0],
          ("donations_received", "donations_count", "donations_used", "donations_remaining"),
          "donations_received", projects_summary.donations_by_month, "value"),
    Front("training", REPORT_FRONTS["training"][0],
          ("sessions", "trainees", "certificates", "visits"),
          "trainees", training_summary.trainees_by_month, "trainees"),
    Front("publicity", REPORT_FRONTS["publicity"][0],
          ("placements", "national", "headquarters", "provincial_red_cross", "provincial_municipal", "local",
           "wechat_articles", "wechat_videos", "followers"),
          "placements", publicity_summary.placements_by_month, "placements"),
)
FRONT_BY_KEY = {front.key: front for front in FRONTS}


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def change(value, previous) -> float | None:
    """The change from `previous` to `value` in percent, one decimal; None when there is nothing to compare with."""
    if value is None or not previous:
        return None
    return round((value - previous) * 100 / previous, 1)


def period_of(today: date) -> dict:
    start = date(today.year, 1, 1)
    return {
        "name": f"{periods.chinese_date(start)}至{today.month}月{today.day}日",
        "earlier": SAME_DAYS_A_YEAR_EARLIER,
        "year": today.year,
    }


def figures(taken_at: datetime) -> dict[str, list[dict]]:
    """Each front's headline figures, the year to date against the same days of last year (from collect)."""
    today = timezone.localtime(taken_at).date()
    data = collect(periods.year(today.year), taken_at)
    current, previous = data["current"], data["previous"]
    shown = {}
    for front in FRONTS:
        rows = []
        for key in front.figures:
            fact = FACT_BY_KEY[key]
            value, before = _number(current.get(key)), _number(previous.get(key))
            rows.append({"key": key, "label": fact.label, "unit": fact.unit, "value": value, "previous": before,
                         "change": change(value, before), "money": fact.money})
        shown[front.key] = rows
    return shown


def month_labels() -> list[str]:
    return [pgettext("month on a chart", "%(number)s") % {"number": number} for number in range(1, 13)]


def series(front: Front, today: date) -> dict:
    """The front's figure month by month this year (None for months not begun) and last year, one query."""
    months = front.by_month(date(today.year - 1, 1, 1), today)

    def value(year: int, month: int):
        return _number(months.get(f"{year}-{month:02d}", {}).get(front.series_value, 0))

    fact = FACT_BY_KEY[front.series_fact]
    return {
        "label": fact.label, "unit": fact.unit, "months": month_labels(),
        "this_year": [value(today.year, month) if month <= today.month else None for month in range(1, 13)],
        "last_year": [value(today.year - 1, month) for month in range(1, 13)],
    }
