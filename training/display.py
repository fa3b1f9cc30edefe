"""How a session's time reads, the same in lists, pages, messages and files."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def session_period(starts_at: datetime, ends_at: datetime) -> str:
    """“2026年12月20日 09:00–17:00” within a day; “2026年12月20日 09:00 至 12月21日 17:00” over several days (China
    time, in the active language); the year is named again only when the session runs into the next one."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    first = f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}"
    if start.date() == end.date():
        return f"{first}–{end:%H:%M}"
    last = date_format(end, "MONTH_DAY_FORMAT") if start.year == end.year else date_format(end, "DATE_FORMAT")
    return _("%(start)s to %(end)s") % {"start": first, "end": f"{last} {end:%H:%M}"}
