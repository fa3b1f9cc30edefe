"""What a group's contact person is told by text message about their booking, queued through the outbox.

In the portal's main language whatever the page's, naming the contact person and the organisation and nothing
more; the link is the position's public page, never the booking's own signed address (messages pass through the
provider's records)."""


from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from redcross.models import TextMessage
from redcross.sms.outbox import text_queue
from redcross.sms.texts import Text, in_main_language, public_url

from .models import GroupBooking, VisitSlot

Kind = TextMessage.Kind


def slot_period(slot: VisitSlot) -> str:
    """“2026年12月12日 09:00–10:30” (in the active language's date format)."""
    return f"{date_format(slot.date)} {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"


def _values(booking: GroupBooking) -> dict[str, str]:
    slot = booking.slot
    return {"contact": booking.contact_name, "organisation": booking.organisation, "place": slot.site.name,
            "time": slot_period(slot), "headcount": str(booking.headcount)}


def _link(booking: GroupBooking) -> str:
    return public_url(reverse("projects:site_detail", args=[booking.slot.site_id]))


@in_main_language
def requested(booking: GroupBooking) -> Text:
    values = _values(booking)
    return Text(Kind.VISIT_REQUESTED, _(
        "%(contact)s, we have received the request of %(organisation)s to visit %(place)s on %(time)s "
        "(%(headcount)s people). You will get a text message once staff have looked at it."
    ) % values, values)


@in_main_language
def confirmed(booking: GroupBooking) -> Text:
    values = {**_values(booking), "link": _link(booking)}
    return Text(Kind.VISIT_CONFIRMED, _(
        "%(contact)s, the visit of %(organisation)s to %(place)s on %(time)s (%(headcount)s people) is confirmed. "
        "Address and directions: %(link)s"
    ) % values, values)


@in_main_language
def declined(booking: GroupBooking) -> Text:
    values = {**_values(booking), "reason": booking.reason, "link": _link(booking)}
    return Text(Kind.VISIT_DECLINED, _(
        "%(contact)s, sorry: %(place)s cannot receive %(organisation)s on %(time)s. Reason: %(reason)s. "
        "Other times: %(link)s"
    ) % values, values)


def tell(booking: GroupBooking, text: Text, *, by=None) -> TextMessage | None:
    """Queue `text` to the booking's contact person, once per booking and kind; nothing once the visit has begun
    (staff catching up on past visits tell nobody)."""
    slot = booking.slot
    if slot.starts <= timezone.now():
        return None
    return text_queue(key=f"visit:{booking.pk}:{text.kind}", kind=text.kind, mobile=booking.mobile, body=text.body,
                      params=text.params, about=booking, by=by)
