"""Reporting periods in Asia/Shanghai: a month, a quarter, a year or any range of days, named in words."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from redcross.dates import add_years

MONTH, QUARTER, YEAR, RANGE = "month", "quarter", "year", "range"


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def name(self) -> str:
        if self.kind == YEAR:
            return f"{self.start.year}年"
        if self.kind == QUARTER:
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        if self.kind == MONTH:
            return f"{self.start.year}年{self.start.month}月"
        return f"{chinese_date(self.start)}至{chinese_date(self.end)}"

    def year_earlier(self) -> "Period":
        return Period(self.kind, add_years(self.start, -1), add_years(self.end, -1))


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"



def month(year: int, number: int) -> Period:
    return Period(MONTH, date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(QUARTER, date(year, first, 1), month(year, first + 2).end)


def year(number: int) -> Period:
    return Period(YEAR, date(number, 1, 1), date(number, 12, 31))


def parse(kind: str, *values: str) -> Period:
    """year 2025 · quarter 2025-Q3 · month 2025-07 · range 2025-03-01 2025-08-31; ValueError with a reason."""
    try:
        if kind == YEAR and len(values) == 1:
            return year(int(values[0]))
        if kind == QUARTER and len(values) == 1 and (found := re.fullmatch(r"(\d{4})-?Q([1-4])", values[0], re.I)):
            return quarter(int(found[1]), int(found[2]))
        if kind == MONTH and len(values) == 1 and (found := re.fullmatch(r"(\d{4})-(\d{1,2})", values[0])):
            return month(int(found[1]), int(found[2]))
        if kind == RANGE and len(values) == 2:
            start, end = date.fromisoformat(values[0]), date.fromisoformat(values[1])
            if end < start:
                raise ValueError(_("The range ends before it starts."))
            return Period(RANGE, start, end)
    except ValueError as error:
        raise ValueError(str(error) or _("Not a valid period.")) from error
    raise ValueError(
        _("Write the period as: year 2025, quarter 2025-Q3, month 2025-07 or range 2025-03-01 2025-08-31.")
    )


def just_closed(kind: str, today: date) -> Period:
    """The month, quarter or year that ended most recently before `today`."""
    if kind == MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return month(last.year, last.month)
    if kind == QUARTER:
        first_of_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last = first_of_quarter - timedelta(days=1)
        return quarter(last.year, (last.month - 1) // 3 + 1)
    if kind == YEAR:
        return year(today.year - 1)
    raise ValueError(kind)
