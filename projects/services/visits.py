"""Group visits: the slots a position offers, and bookings requested, decided, cancelled and held.

A slot's row is its lock: requests for one slot are counted one at a time, so its visitors never exceed its
capacity however many arrive together. Requested, confirmed and held bookings take places; declined and cancelled
ones give them back.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import texts
from ..models import GroupBooking, Site, VisitSlot
from .common import stored

Status = GroupBooking.Status


def places_taken(slot: VisitSlot) -> int:
    return GroupBooking.objects.filter(slot=slot, status__in=GroupBooking.HOLDING).aggregate(
        n=Sum("headcount"))["n"] or 0


def _receives_groups(site: Site) -> bool:
    return site.position_kind.receives_groups


def slot_save(*, slot: VisitSlot, by=None) -> VisitSlot:
    """Store a slot of a position that receives groups; its capacity never drops below the places booked."""
    with transaction.atomic():
        slot.full_clean()
        # Read from the database: the kind may have stopped receiving groups since the caller loaded the site.
        if not Site.objects.filter(pk=slot.site_id, position_kind__receives_groups=True).exists():
            raise ValidationError({"site": _("%(kind)s does not receive group visits: tick “receives groups” on the "
                                             "kind first.") % {"kind": slot.site.position_kind.name}})
        if slot.pk is not None:
            VisitSlot.objects.select_for_update().filter(pk=slot.pk).get()
            taken = places_taken(slot)
            if slot.capacity < taken:
                raise ValidationError({"capacity": _(
                    "%(taken)s places of this slot are already booked: the capacity cannot be lower."
                ) % {"taken": taken}})
        slot._history_user = by
        slot.save()
    return slot


def slots_repeat(*, slot: VisitSlot, weeks: int, by=None) -> list[VisitSlot]:
    """The same slot on the same weekday for the next `weeks` weeks, skipping days that already have it."""
    if not 1 <= weeks <= 26:
        raise ValidationError(_("Repeat a slot for 1 to 26 weeks."))
    made = []
    with transaction.atomic():
        for week in range(1, weeks + 1):
            day = slot.date + timedelta(weeks=week)
            if VisitSlot.objects.filter(site=slot.site_id, date=day, starts_at=slot.starts_at).exists():
                continue
            made.append(slot_save(slot=VisitSlot(
                site=slot.site, date=day, starts_at=slot.starts_at, ends_at=slot.ends_at, capacity=slot.capacity,
                note=slot.note, open=True,
            ), by=by))
    return made


def _request_refusal(slot: VisitSlot, booking: GroupBooking, now: datetime) -> str | None:
    if not slot.open or not _receives_groups(slot.site):
        return _("This time no longer takes bookings: please choose another.")
    if slot.starts <= now:
        return _("This time has already begun: please choose a later one.")
    if GroupBooking.objects.filter(slot=slot, mobile=booking.mobile, status__in=GroupBooking.HOLDING).exists():
        return _("This mobile number has already booked this time. Please wait for our message.")
    free = slot.capacity - places_taken(slot)
    if booking.headcount > free:
        if free <= 0:
            return _("This time is fully booked: please choose another.")
        return _("Only %(free)s places are left at this time: come with fewer people or choose another time.") % {
            "free": free}
    return None


def booking_request(*, slot: VisitSlot, booking: GroupBooking, now: datetime | None = None) -> GroupBooking:
    """A group asks to visit in `slot`: stored as awaiting confirmation if the slot still has room for it, and the
    contact person is told it was received. Raises ValidationError, storing nothing, otherwise.

    `now` is the moment of the request, the present unless given (the demo asks for its past visits back then)."""
    booking.slot, booking.status = slot, Status.REQUESTED
    booking.full_clean()
    with transaction.atomic():
        locked = VisitSlot.objects.select_for_update(of=("self",)).select_related(
            "site__position_kind").get(pk=slot.pk)
        if refusal := _request_refusal(locked, booking, now or timezone.now()):
            raise ValidationError(refusal, code="refused")
        booking.slot = locked
        booking.save()
        texts.tell(booking, texts.requested(booking))
    return booking


def _locked_booking(booking: GroupBooking) -> GroupBooking:
    return GroupBooking.objects.select_for_update(of=("self",)).select_related("slot__site").get(pk=booking.pk)


def booking_decide(*, booking: GroupBooking, confirm: bool, reason: str = "", by=None) -> GroupBooking:
    """Staff confirm a request, or decline it with a reason the requester is told."""
    reason = reason.strip()
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.status != Status.REQUESTED:
            raise ValidationError(_("Only a booking awaiting confirmation can be confirmed or declined; this one is "
                                    "“%(status)s”.") % {"status": booking.get_status_display()}, code="decided")
        if not confirm and not reason:
            raise ValidationError({"reason": _("Give the reason: the requester is told it.")})
        booking.status = Status.CONFIRMED if confirm else Status.DECLINED
        booking.reason = "" if confirm else reason
        booking.decided_at, booking.decided_by = timezone.now(), by
        booking._history_user = by
        stored(booking)
        texts.tell(booking, texts.confirmed(booking) if confirm else texts.declined(booking), by=by)
    return booking


def booking_cancel(*, booking: GroupBooking, by=None) -> GroupBooking:
    """The requester (or staff for them) calls the visit off before it begins; its places are free again."""
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.status not in (Status.REQUESTED, Status.CONFIRMED):
            raise ValidationError(_("This booking is “%(status)s” and cannot be cancelled.") % {
                "status": booking.get_status_display()}, code="not_cancellable")
        if booking.slot.starts <= timezone.now():
            raise ValidationError(_("The visit has already begun and can no longer be cancelled here."),
                                  code="begun")
        booking.status = Status.CANCELLED
        booking._history_user = by
        stored(booking)
    return booking


def booking_held(*, booking: GroupBooking, attended: int, by=None) -> GroupBooking:
    """A confirmed visit took place, with `attended` visitors (counted in the figures, not the headcount asked)."""
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.status not in (Status.CONFIRMED, Status.HELD):
            raise ValidationError(_("Only a confirmed visit can be recorded as held; this one is “%(status)s”.") % {
                "status": booking.get_status_display()}, code="not_confirmed")
        if booking.slot.date > timezone.localdate():
            raise ValidationError(_("The visit is on %(date)s: record it once it has taken place.") % {
                "date": booking.slot.date.isoformat()}, code="future")
        if attended < 1:
            raise ValidationError({"attended": _("Give the number of visitors who came (at least 1).")})
        booking.status, booking.attended = Status.HELD, attended
        booking._history_user = by
        stored(booking)
    return booking
