"""Seat limits and a waiting list, the same for a citizen online (`online`) and for staff in the admin (here)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.deadlocks import retried_on_deadlock
from redcross.history import Deferred

from .. import selectors, sms
from ..models import Registration, Session, Trainee
from .people import SignUp, resident_id_differs, trainee_for

Status = Registration.Status


def unique_code() -> str:
    while True:
        code = Registration.new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


def _save(record, later: Deferred | None, **kwargs) -> None:
    """Saved with its history row now, or with `later` once the caller has released the session's lock."""
    if later is None:
        record.save(**kwargs)
    else:
        later.save(record, **kwargs)


def _locked(session: Session) -> Session:
    # The session row is the lock (its own row only): sign-ups for one session are counted one at a time.
    return Session.objects.select_for_update(of=("self",)).select_related("course", "base").get(pk=session.pk)


def _sync_full(
    session: Session, by=None, *, confirmed: int | None = None, later: Deferred | None = None,
    nobody_waiting: bool = False,
) -> list[Registration]:
    """Free seats go to the people waiting, earliest first; then an open session with every seat taken reads
    “full”, and “open” again once a seat is free. Needs the session's lock. `confirmed` is the number of confirmed
    seats when the caller has just counted them; `nobody_waiting` when the caller knows the list is empty.

    Returns the registrations moved up, for the caller to tell them (`sms.tell_promoted`) once the lock is free."""
    if session.status in (Session.Status.CANCELLED, Session.Status.HELD):
        return []
    if confirmed is None:
        confirmed = selectors.confirmed_count(session)
    free = session.seats - confirmed
    promoted = []
    if free > 0 and not nobody_waiting:
        for waiting in session.registrations.select_for_update().filter(status=Status.WAITING).order_by(
                "created_at", "pk")[:free]:
            waiting.status = Status.CONFIRMED
            waiting._history_user = by
            _save(waiting, later, update_fields=["status"])
            promoted.append(waiting)
            confirmed += 1
    if session.status in (Session.Status.OPEN, Session.Status.FULL):
        status = Session.Status.FULL if confirmed >= session.seats else Session.Status.OPEN
        if status != session.status:
            session.status = status
            _save(session, later, update_fields=["status"])
    return promoted


def _refuse_twice(session: Session, trainee: Trainee) -> None:
    """Staff register one person once: the same trainee, or the same resident ID under another name or mobile."""
    same_person = Q(trainee=trainee)
    if trainee.resident_id:
        same_person |= Q(trainee__resident_id=trainee.resident_id)
    if session.registrations.filter(same_person).exclude(status=Status.CANCELLED).exists():
        raise ValidationError(_("%(name)s is already registered for this session.") % {"name": trainee.name},
                              code="duplicate")


def _register(session: Session, trainee: Trainee, *, now, by) -> Registration:
    """Staff register a trainee: confirmed while seats remain, otherwise on the waiting list; never twice. Needs
    the lock."""
    _refuse_twice(session, trainee)
    confirmed = selectors.confirmed_count(session)
    registration = Registration(
        session=session, trainee=trainee, code=unique_code(), created_at=now, added_by=by,
        status=Status.CONFIRMED if confirmed < session.seats else Status.WAITING,
    )
    registration._history_user = by
    try:
        # No savepoint of its own: a refusal leaves the caller's transaction, which rolls back the whole addition.
        registration.save()
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s is already registered for this session.") % {"name": trainee.name}, code="duplicate"
        ) from error
    # A free seat was taken: nobody was waiting, since free seats always go to the waiting list first.
    taken = registration.status == Status.CONFIRMED
    _sync_full(session, confirmed=confirmed + taken, nobody_waiting=taken)
    return registration


def _tell_signed_up(registration: Registration, by=None) -> None:
    position = waiting_position(registration) if registration.status == Status.WAITING else None
    sms.tell_signed_up(registration, position=position, by=by)


def registration_add_by_staff(
    *, session: Session, by, person: SignUp | None = None, trainee: Trainee | None = None, now=None
) -> Registration:
    """Staff register someone (a walk-in, a row of an outside roster) under the same seat rule as a citizen.

    Staff may add people after sign-up has closed; a cancelled session takes nobody. Staff, who may see the
    records, are told what a citizen is not: a resident ID number that differs from the one on record, or one
    already registered for the session under another name. The person is told by text message, as after signing
    up online (not for a session that has begun: a roster entered afterwards).
    """
    now = now or timezone.now()
    return retried_on_deadlock(lambda: _add_by_staff(session, by, person, trainee, now))


def _add_by_staff(session: Session, by, person: SignUp | None, trainee: Trainee | None, now) -> Registration:
    with transaction.atomic():
        session = _locked(session)
        if trainee is None:
            if session.course.certifies and not person.resident_id.strip():
                raise ValidationError({"resident_id": _(
                    "This course leads to a certificate: the resident ID number is required."
                )})
            trainee = trainee_for(person)
            if resident_id_differs(trainee, person):
                raise ValidationError({"resident_id": ValidationError(_(
                    "%(name)s is on record with another resident ID number for this mobile number: check which "
                    "one is right and correct it on the trainee's page first."
                ) % {"name": trainee.name}, code="resident_id_differs")})
        registration_add_check(session=session, trainee=trainee)
        registration = _register(session, trainee, now=now, by=by)
        _tell_signed_up(registration, by=by)
    return registration


def registration_add_check(*, session: Session, trainee: Trainee) -> None:
    """Why staff cannot register this trainee for this session (a ValidationError), checked again under the lock
    when they do; forms call it to show the reason beside the row."""
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("The session is cancelled: nobody can be registered for it."), code="cancelled")
    if session.course.certifies and not trainee.resident_id:
        raise ValidationError(
            _("%(name)s has no resident ID number on record, which this course's certificate needs: add it "
              "on the trainee's page first.") % {"name": trainee.name}, code="resident_id_missing",
        )
    _refuse_twice(session, trainee)


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    earlier = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lte=registration.pk)
    return registration.session.registrations.filter(earlier, status=Status.WAITING).count()
