"""How a session's time reads, the same in lists, pages, messages and files."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Django's Chinese month-and-day format pads the month (“06月2日”); written here as the portal's dates are.
MONTH_DAY_FORMATS = {"zh-hans": "n月j日"}


def session_period(starts_at: datetime, ends_at: datetime, *, short: bool = False) -> str:
    """“2026年12月20日 09:00–17:00” within a day; “2026年12月20日 09:00 至 12月21日 17:00” over several days (China
    time, in the active language); the year is named again only when the session runs into the next one.

    Short leaves the year out (for lists of the coming weeks) unless the session runs into the next one."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    one_year = start.year == end.year
    first = f"{_month_day(start) if short and one_year else date_format(start, 'DATE_FORMAT')} {start:%H:%M}"
    if start.date() == end.date():
        return f"{first}–{end:%H:%M}"
    last = _month_day(end) if one_year else date_format(end, "DATE_FORMAT")
    return _("%(start)s to %(end)s") % {"start": first, "end": f"{last} {end:%H:%M}"}


def _month_day(value: datetime) -> str:
    return date_format(value, MONTH_DAY_FORMATS.get(get_language(), "MONTH_DAY_FORMAT"))
