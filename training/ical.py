"""A public session as an iCalendar file (.ics), for a citizen's own calendar app."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from redcross.models import BranchProfile

from .models import Session

PRODUCT_ID = "-//Red Cross branch portal//training sessions//ZH"


def session_uid(session: Session) -> str:
    """The same for every download of the session, so that a calendar updates its event instead of adding one."""
    return f"training-session-{session.pk}.{BranchProfile.load().code}@redcross-portal"


def session_location(session: Session) -> str:
    return f"{session.base.name}, {session.base.address}" if session.base_id else session.venue


def session_calendar(session: Session, *, page_url: str) -> bytes:
    """One event in China time (with its VTIMEZONE): title, start and end, place and address, what to bring and the
    session's page."""
    zone = timezone.get_default_timezone()  # Asia/Shanghai
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("summary", session.display_title)
    event.add("dtstart", timezone.localtime(session.starts_at, zone))
    event.add("dtend", timezone.localtime(session.ends_at, zone))
    event.add("location", session_location(session))
    lines = [_("What to bring: %(things)s") % {"things": session.to_bring}] if session.to_bring else []
    event.add("description", "\n".join([*lines, page_url]))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if session.status == Session.Status.CANCELLED else "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
