"""Reads of a position's public page beyond the site itself (the standard it meets, its visiting times) and of a
group's own booking; each costs one query whatever the number of rows."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import ExpressionWrapper, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Assessment, AssessmentItem, GroupBooking, Site, VisitSlot
from .selectors import public_site_rule, public_sites

# The visiting times a position's page offers: the next UPCOMING_SLOT_DAYS days, at most SLOTS_ON_SITE_PAGE.
UPCOMING_SLOT_DAYS = 60
SLOTS_ON_SITE_PAGE = 12


@dataclass(frozen=True)
class AchievedStandard:
    """What a position's page says of the standard it meets: the standard and the items met, nothing else (the
    assessors' notes, item notes and evidence are for staff)."""

    title: str
    year: int
    items: tuple[str, ...]


def achieved_standard(site: Site, day=None) -> AchievedStandard | None:
    """The items met at the site's latest assessment up to `day` (today), if that assessment passed."""
    day = day or timezone.localdate()
    latest = Assessment.objects.filter(site=site, assessed_on__lte=day).order_by("-assessed_on", "-pk")
    rows = list(
        AssessmentItem.objects.filter(
            assessment=Subquery(latest.values("pk")[:1]), assessment__result=Assessment.Result.PASSED, met=True
        )
        .order_by("item__order")
        .values_list("assessment__standard__title", "assessment__standard__year", "item__text")
    )
    if not rows:
        return None
    title, year, _text = rows[0]
    return AchievedStandard(title=title, year=year, items=tuple(text for _title, _year, text in rows))


def with_places(slots: QuerySet[VisitSlot]) -> QuerySet[VisitSlot]:
    """Slots with `taken` (the headcounts of the bookings that hold places in them) and `free` (capacity less
    taken), counted by the database in the same query."""
    taken = (
        GroupBooking.objects.filter(slot=OuterRef("pk"), status__in=GroupBooking.HOLDING)
        .order_by().values("slot").annotate(total=Sum("headcount")).values("total")
    )
    return slots.annotate(taken=Coalesce(Subquery(taken), Value(0), output_field=IntegerField())).annotate(
        free=ExpressionWrapper(F("capacity") - F("taken"), output_field=IntegerField()))


def upcoming_slots(site: Site, limit: int = SLOTS_ON_SITE_PAGE) -> list[VisitSlot]:
    """The open slots of the next UPCOMING_SLOT_DAYS days not yet begun, soonest first, each with `free` places."""
    now = timezone.localtime()
    today = now.date()
    slots = VisitSlot.objects.filter(site=site, open=True, date__lte=today + timedelta(days=UPCOMING_SLOT_DAYS))
    slots = slots.filter(Q(date__gt=today) | Q(date=today, starts_at__gt=now.time()))
    return list(with_places(slots).order_by("date", "starts_at", "pk")[:limit])


def bookable_slots() -> QuerySet[VisitSlot]:
    """Slots of public positions of a kind that receives groups, with their site and `free` places."""
    return with_places(
        VisitSlot.objects.filter(public_site_rule("site__"), site__position_kind__receives_groups=True)
        .select_related("site__position_kind")
    )


def slot_for_booking(pk: int) -> VisitSlot:
    """Raises VisitSlot.DoesNotExist for a slot no citizen may book."""
    return bookable_slots().get(pk=pk)


def slot_takes_bookings(slot: VisitSlot) -> bool:
    """Whether the booking form is offered: the slot is open, has not begun and has a place left. The service
    decides under the slot's lock; this only spares a visitor a form that cannot succeed."""
    return slot.open and slot.starts > timezone.now() and slot.free > 0


def booking_for_requester(pk: int) -> GroupBooking:
    """A booking with its slot and place, for the page of the group that asked (raises DoesNotExist)."""
    return GroupBooking.objects.select_related("slot__site__position_kind").get(pk=pk)


def booking_cancellable(booking: GroupBooking) -> bool:
    return booking.status in (GroupBooking.Status.REQUESTED, GroupBooking.Status.CONFIRMED) and (
        booking.slot.starts > timezone.now()
    )


def site_is_public(site: Site) -> bool:
    return public_sites().filter(pk=site.pk).exists()
