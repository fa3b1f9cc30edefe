"""A session's life: planned, open for sign-up (full when every seat is taken), held or cancelled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import sms
from ..models import Session
from .signup import _sync_full

Status = Session.Status
# What the people signed up are told of when staff change it.
TOLD_FIELDS = ("starts_at", "ends_at", "base_id", "venue")


def session_save(*, session: Session, by=None) -> Session:
    """A session as staff write it; its status is not theirs to type: it follows the steps below and the seats.

    People moved up from the waiting list by more seats are told, and everyone signed up is told a new time or
    place of a session still to come."""
    with transaction.atomic():
        if session.pk is None:
            session.status, before = Status.PLANNED, None
        else:
            session.status, *before = Session.objects.select_for_update().values_list(
                "status", *TOLD_FIELDS).get(pk=session.pk)
        session.full_clean()
        session._history_user = by
        session.save()
        promoted = _sync_full(session, by=by)
        if promoted:
            sms.tell_promoted(promoted, by=by)
        changed = before is not None and before != [getattr(session, name) for name in TOLD_FIELDS]
        if changed and session.status in (Status.PLANNED, Status.OPEN, Status.FULL):
            # Those just moved up were told the new time and place.
            sms.tell_session_changed(session, by=by, exclude=[registration.pk for registration in promoted])
    return session


def _step(session: Session, to: str, allowed_from: tuple[str, ...], refusal: str, *, by) -> Session:
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.status not in allowed_from:
            raise ValidationError(refusal % {"status": session.get_status_display()}, code="invalid_step")
        session.status = to
        session._history_user = by
        session.save(update_fields=["status"])
        if promoted := _sync_full(session, by=by):
            sms.tell_promoted(promoted, by=by)
        if to == Status.CANCELLED:
            sms.tell_session_cancelled(session, by=by)
    return session


def session_open(*, session: Session, by=None) -> Session:
    """Announce a planned session: open for sign-up (or full at once when its seats are already taken)."""
    return _step(session, Status.OPEN, (Status.PLANNED,),
                 _("Only a planned session can be opened for sign-up; this one is “%(status)s”."), by=by)


def session_hold(*, session: Session, by=None, now=None) -> Session:
    """Mark a session as held, once it has begun."""
    now = now or timezone.now()
    if session.status == Status.CANCELLED:
        raise ValidationError(_("A cancelled session cannot be marked as held."))
    if session.starts_at > now:
        raise ValidationError(
            _("The session begins on %(start)s: it can be marked as held once it has begun.")
            % {"start": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")}, code="not_begun",
        )
    return _step(session, Status.HELD, (Status.PLANNED, Status.OPEN, Status.FULL),
                 _("This session is “%(status)s” and cannot be marked as held."), by=by)


def session_cancel(*, session: Session, by=None) -> Session:
    """Call a session off before it is held; its sign-ups stay on record, and everyone confirmed or waiting is told."""
    return _step(session, Status.CANCELLED, (Status.PLANNED, Status.OPEN, Status.FULL),
                 _("A session that is “%(status)s” cannot be cancelled."), by=by)


def session_delete(*, session: Session, by=None) -> None:
    """A session nobody signed up for can be removed; one with sign-ups stays on record (cancel it instead)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.registrations.exists() or session.certificates.exists():
            raise ValidationError(
                _("%(session)s has sign-ups on record: cancel the session instead of deleting it.")
                % {"session": session}, code="has_registrations",
            )
        session._history_user = by
        session.delete()
