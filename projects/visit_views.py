"""Group visits on a phone: the request form of a slot, and the booking's own page at a signed address."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from redcross.masking import mask_name, mask_phone
from redcross.refusals import add_errors
from redcross.signed import SignedLink
from redcross.views import too_many

from . import position_selectors, services
from .forms import BookingForm
from .models import GroupBooking, VisitSlot

# A booking's page lives a year after the request; it cancels only until the visit begins.
BOOKING_LINK = SignedLink("projects.booking", max_age=timedelta(days=366))


def booking_token(booking: GroupBooking) -> str:
    return BOOKING_LINK.token(booking.pk)


def booking_from_token(token: str) -> GroupBooking:
    try:
        return position_selectors.booking_for_requester(BOOKING_LINK.pk(token))
    except GroupBooking.DoesNotExist as error:
        raise Http404 from error


def _slot_or_404(pk: int) -> VisitSlot:
    try:
        return position_selectors.slot_for_booking(pk)
    except VisitSlot.DoesNotExist as error:
        raise Http404 from error


def _form_page(request, slot: VisitSlot, form: BookingForm | None, status: int = 200):
    return render(request, "projects/booking_form.html", {
        "slot": slot, "site": slot.site, "form": form,
        "takes_bookings": position_selectors.slot_takes_bookings(slot),
    }, status=status)


def _too_many(request):
    return too_many(request, back="projects:index", back_label=_("Back to the Red Cross positions"))


@require_http_methods(["GET", "HEAD", "POST"])
def book_visit(request, pk: int):
    """GET: the empty form (the same for everyone, served from the page cache). POST: the request, stored by
    booking_request or refused with its reason on the form (400), storing nothing."""
    slot = _slot_or_404(pk)
    if request.method in ("GET", "HEAD"):
        takes_bookings = position_selectors.slot_takes_bookings(slot)
        return _form_page(request, slot, BookingForm(slot=slot) if takes_bookings else None)
    if is_ratelimited(request, group="projects.book_visit", key="redcross.http.ratelimit_key",
                      rate=settings.RATELIMIT_SIGN_UP, increment=True):
        return _too_many(request)
    form = BookingForm(request.POST, slot=slot)
    if form.is_valid():
        try:
            booking = services.booking_request(slot=slot, booking=form.booking())
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("projects:booking_detail", token=booking_token(booking))
    # The places left as they are now, after whatever the refusal was about.
    return _form_page(request, _slot_or_404(pk), form, status=400)


@never_cache
@require_http_methods(["GET", "HEAD"])
def booking_detail(request, token: str):
    booking = booking_from_token(token)
    site_public = position_selectors.site_is_public(booking.slot.site)
    return render(request, "projects/booking_detail.html", {
        "booking": booking,
        "slot": booking.slot,
        "site": booking.slot.site,
        "token": token,
        "site_public": site_public,
        "masked_name": mask_name(booking.contact_name),
        "masked_mobile": mask_phone(booking.mobile),
        "can_cancel": position_selectors.booking_cancellable(booking),
        "other_times": site_public and booking.status in (GroupBooking.Status.DECLINED, GroupBooking.Status.CANCELLED),
    })


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_cancel(request, token: str):
    """GET asks to confirm; POST cancels while the booking can be, then back to the booking's page."""
    booking = booking_from_token(token)
    can_cancel = position_selectors.booking_cancellable(booking)
    if request.method == "POST" and can_cancel:
        try:
            services.booking_cancel(booking=booking)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your booking is cancelled. Thank you for letting us know."))
        return redirect("projects:booking_detail", token=token)
    if request.method == "POST" and booking.status == GroupBooking.Status.CANCELLED:
        return redirect("projects:booking_detail", token=token)
    return render(request, "projects/booking_cancel.html", {
        "booking": booking, "slot": booking.slot, "token": token, "can_cancel": can_cancel,
    }, status=200 if can_cancel or booking.status == GroupBooking.Status.CANCELLED else 410)
