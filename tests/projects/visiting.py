"""Group visits made through the services, as staff and requesters make them, at any moment of the test's choosing."""

import datetime as dt

from django.utils import timezone

from projects.models import GroupBooking, PositionKind, Site, VisitSlot
from projects.services import booking_decide, booking_held, booking_request, slot_save
from tests.projects.factories import SiteFactory
from tests.training.factories import at, mobile

HALL = "急救逃生体验场馆"


class Clock:
    """timezone.now (and so localdate, auto_now and the services' checks) at a moment the test sets; the real
    time again once set to None."""

    def __init__(self, monkeypatch):
        self.moment: dt.datetime | None = None
        real = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: self.moment or real())

    def set(self, text: str | None) -> None:
        self.moment = at(text) if text else None


def position_kind(name: str) -> PositionKind:
    return PositionKind.objects.get(name=name)


def position(name: str = "市急救逃生体验馆", kind: str = HALL, **fields) -> Site:
    return SiteFactory(name=name, position_kind=position_kind(kind), kind=Site.Kind.OTHER, **fields)


def slot_at(site: Site, day: dt.date, *, capacity: int = 100, starts: str = "09:00", ends: str = "10:30",
            **fields) -> VisitSlot:
    return slot_save(slot=VisitSlot(site=site, date=day, starts_at=dt.time.fromisoformat(starts),
                                    ends_at=dt.time.fromisoformat(ends), capacity=capacity, **fields))


def asking(headcount: int = 40, n: int = 1, organisation: str = "实验小学", age_group: str = "primary"):
    return GroupBooking(organisation=organisation, contact_name="王老师", mobile=mobile(n), headcount=headcount,
                        age_group=age_group)


def request(slot: VisitSlot, headcount: int = 40, n: int = 1, **fields) -> GroupBooking:
    return booking_request(slot=slot, booking=asking(headcount, n, **fields))


def held_visit(clock: Clock, site: Site, day: str, *, headcount: int, attended: int, n: int = 1,
               organisation: str = "实验小学", recorded: str | None = None) -> GroupBooking:
    """A group that asked a week ahead, was confirmed, came on `day` (China time) and was recorded as held that
    evening, or at `recorded`. The clock is back to the real time afterwards."""
    when = dt.date.fromisoformat(day)
    clock.set(f"{when - dt.timedelta(days=7)} 10:00")
    slot = VisitSlot.objects.filter(site=site, date=when).first() or slot_at(site, when)
    booking = booking_decide(booking=request(slot, headcount, n, organisation=organisation), confirm=True)
    clock.set(recorded or f"{day} 18:00")
    booking = booking_held(booking=booking, attended=attended)
    clock.set(None)
    return booking
