"""Seats freed and given: a sign-up cancelled (online or by staff), someone confirmed from the waiting list; the
people moved up are told once the session's lock is released."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors, sms
from ..models import Registration, Session
from .signup import Status, _locked, _sync_full


def registration_cancel(*, registration: Registration, now=None, by=None) -> Registration | None:
    """Cancel a registration, online or by staff; a freed seat goes to the first person waiting, who is returned."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked(registration.session)
        registration = Registration.objects.select_for_update().select_related("session").get(pk=registration.pk)
        registration.session = session
        if registration.status == Status.CANCELLED:
            if by is not None:
                raise ValidationError(_("This registration is already cancelled."), code="already_cancelled")
            return None
        if not selectors.cancellable(registration, now):
            if by is not None:
                raise ValidationError(
                    _("The session has already begun: mark the person absent instead of cancelling."),
                    code="begun",
                )
            raise ValidationError(_("This session has already begun: it can no longer be cancelled online."))
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration._history_user = by
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        promoted = _sync_full(session, by=by)
    # Told once the lock is released.
    return next(iter(sms.tell_promoted(promoted, by=by)), None) if promoted else None


def registration_confirm(*, registration: Registration, by, reason: str = "") -> Registration:
    """Staff confirm someone from the waiting list; beyond the seats only openly, with a reason that is kept."""
    reason = " ".join((reason or "").split())
    with transaction.atomic():
        session = _locked(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.WAITING:
            raise ValidationError(
                _("Only someone on the waiting list can be confirmed; this registration is “%(status)s”.")
                % {"status": registration.get_status_display()}, code="not_waiting",
            )
        if session.status == Session.Status.CANCELLED:
            raise ValidationError(_("The session is cancelled: nobody can be registered for it."), code="cancelled")
        full = selectors.confirmed_count(session) >= session.seats
        if full and not reason:
            raise ValidationError(
                _("All %(seats)d seats are taken: give the reason for confirming beyond the seats.")
                % {"seats": session.seats}, code="reason_required",
            )
        registration.status = Status.CONFIRMED
        update = ["status"]
        if full:
            registration.beyond_seats_reason = reason[:200]
            registration.beyond_seats_by = by
            update += ["beyond_seats_reason", "beyond_seats_by"]
        registration._history_user = by
        registration.save(update_fields=update)
        promoted = [registration, *_sync_full(session)]
    sms.tell_promoted(promoted, by=by)
    return registration
