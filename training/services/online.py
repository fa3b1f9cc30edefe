"""A citizen signs up online: a crowd may sign up for one session at the same moment, and queues on its lock.

Everything that needs no lock is done before taking it, in the sign-up's transaction: the checks, the trainee and
the registration itself, on the waiting list. Under the session's lock, the seats taken are counted and the
registration given a seat if one is free; then the transaction commits. The lock is held for three or four round
trips to the database and next to no Python (in a threaded worker, a thread holding it waits for its process's
interpreter lock behind the others). History rows are written, and the person is told, once it is released.

The sign-up's commit does not wait for the disk (PostgreSQL's synchronous_commit off, for that transaction only),
so that the lock is not held while the disk writes; the next transaction, which writes the history rows and the
text message, waits for the disk as every commit does, and with it for the sign-up's own. So the sign-up is
durable before the citizen is answered or told, with one wait for the disk instead of three. Seats are counted in
memory, under the lock, and never depend on the disk: nobody is given a seat taken by another.

Writing the registration before the lock relies on PostgreSQL checking its foreign keys at the commit (Django
creates them DEFERRABLE INITIALLY DEFERRED): checked at the insert, each would hold a share lock on the session's
row, and two sign-ups would each wait for the other's.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from redcross import rows
from redcross.deadlocks import retried_on_deadlock
from redcross.history import Deferred, without_history
from redcross.masking import mask_resident_id
from redcross.validators import normalize_resident_id

from ..models import Registration, Session
from .people import SignUp, resident_id_differs, trainee_for
from .signup import _sync_full, _tell_signed_up, unique_code

Status = Registration.Status
logger = logging.getLogger(__name__)

# Written in SQL, because the ORM's own work for these statements cost more than the database's, and it would be
# done while the lock is held. Each statement under the lock sees every sign-up committed before it was taken.
_CONFIRMED = "SELECT count(*) FROM training_registration WHERE session_id = %s AND status = %s"
_GIVE_SEAT = "UPDATE training_registration SET status = %s WHERE id = %s"


class _CodeTaken(Exception):
    """Two sign-ups drew the same confirmation code (about one chance in a trillion): the later one draws again."""


def registration_create(*, session: Session, person: SignUp, consent: bool, now=None) -> Registration:
    """A citizen signs up online: confirmed while seats remain, otherwise on the waiting list, never overbooked.

    The person is their name and mobile number, and the answer never depends on anyone else's records: a
    resident ID number already given under another name or mobile is taken (and shown to staff as a conflict),
    and one other than the number on record for this name and mobile is noted for staff while the record keeps
    its own. A second sign-up under the same name and mobile is refused with what that person already knows.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Please agree to the use of your personal information for this training.")}
        )
    now = now or timezone.now()
    _signup_refusal(session, person, now)
    # Staff adding this person to this session at this moment may deadlock with it (redcross.deadlocks).
    registration, later = retried_on_deadlock(lambda: _signed_up(session, person, now))
    _afterwards(registration, later)
    return registration


def _afterwards(registration: Registration, later: Deferred) -> None:
    """Once the lock is released, one transaction (one wait for the disk): the history rows, and the person's text
    message, sent once it commits. In a caller's transaction both go with it (in a savepoint): nobody is told of a
    sign-up that it rolls back. A message that cannot be queued never fails the sign-up: the history rows are
    written on their own then, and their commit is the one that waits for the disk."""
    unwritten = list(later.rows)
    try:
        with transaction.atomic():
            later.write()
            _tell_signed_up(registration)
    except Exception:
        logger.exception("No text message could be queued for registration %s", registration.pk)
        later.rows = unwritten  # rolled back with the message
        later.write()


def _signed_up(session: Session, person: SignUp, now) -> tuple[Registration, Deferred]:
    """The sign-up's transaction, and the history rows that wait for its end."""
    # A new code without asking the database whether it is free: its unique index answers that at the insert.
    code = Registration.new_code()
    # In a caller's transaction, its commit is the sign-up's: it waits for the disk.
    alone = not connection.in_atomic_block
    while True:
        later = Deferred()
        try:
            # The trainee and the registration are in the sign-up's transaction: a refused sign-up leaves nothing.
            with transaction.atomic():
                if alone:
                    _commit_without_waiting_for_the_disk()
                trainee = trainee_for(person, later=later)
                registration = _waiting(session, trainee, now=now, code=code, note=(
                    _resident_id_note(person) if resident_id_differs(trainee, person) else ""
                ))
                session = registration.session = _relocked(session)
                _signup_refusal(session, person, now)
                _seat(session, registration, later)
            return registration, later
        except _CodeTaken:
            code = unique_code()


def _commit_without_waiting_for_the_disk() -> None:
    """For the sign-up's transaction only; `_afterwards` waits for the disk (see above). PostgreSQL only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _waiting(session: Session, trainee, *, now, code: str, note: str) -> Registration:
    """The registration, on the waiting list until `_seat` gives it a seat; its history row waits for the seat."""
    registration = Registration(session=session, trainee=trainee, code=code, consent_at=now, created_at=now,
                                status=Status.WAITING)
    registration._history_user = None  # the citizen, even on a staff member's phone logged in to the admin
    if note:
        registration._change_reason = note[:100]
    try:
        # No savepoint of its own: a refusal leaves the sign-up's transaction, which rolls back.
        with without_history(registration):
            registration.save()
    except IntegrityError as error:
        diag = getattr(error.__cause__, "diag", None)
        if getattr(diag, "constraint_name", "") == "training_registration_code_key":
            raise _CodeTaken from error
        raise _already_signed_up() from error  # the database holds one live sign-up per person and session
    return registration


def _relocked(session: Session) -> Session:
    """The session as it is now, locked; with the course and base the view read, unless it has others now."""
    # All of the row: what staff changed since the view read it goes into the text message and the session's history.
    fresh = rows.one(Session, "id = %s", [session.pk], lock=True)
    if fresh is None:  # removed since the view read it
        raise ValidationError(_("Sign-up for this session is closed."), code="signup_closed")
    if fresh.course_id == session.course_id:
        fresh.course = session.course
    if fresh.base_id is not None and fresh.base_id == session.base_id:
        fresh.base = session.base
    return fresh


def _seat(session: Session, registration: Registration, later: Deferred) -> None:
    """A free seat for the registration, if there is one; then the session reads “full” once every seat is taken.
    Needs the lock."""
    with connection.cursor() as cursor:
        cursor.execute(_CONFIRMED, [session.pk, Status.CONFIRMED])
        confirmed = cursor.fetchone()[0]
        seated = confirmed < session.seats
        if seated:
            cursor.execute(_GIVE_SEAT, [Status.CONFIRMED, registration.pk])
            registration.status = Status.CONFIRMED
    later.saved(registration)
    # A free seat was taken: nobody was waiting, since free seats always go to the waiting list first.
    _sync_full(session, confirmed=confirmed + seated, later=later, nobody_waiting=seated)


def _already_signed_up() -> ValidationError:
    """The citizen's answer to a second sign-up under the same name and mobile: nothing they do not know."""
    return ValidationError([
        ValidationError(_("You have already signed up for this session."), code="duplicate"),
        ValidationError(_("To see or cancel that sign-up, open “My sign-ups” and enter your mobile number."),
                        code="duplicate"),
    ])


def _signup_refusal(session: Session, person: SignUp, now) -> None:
    if not session.signup_open(now):
        raise ValidationError(_("Sign-up for this session is closed."), code="signup_closed")
    if session.course.certifies and not person.resident_id.strip():
        raise ValidationError(
            {"resident_id": _("This course leads to a certificate: please give your resident ID number.")}
        )


def _resident_id_note(person: SignUp) -> str:
    """For staff, in the portal's main language: the resident ID number a sign-up gave but that was not kept."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("A different resident ID number was given at sign-up: %(number)s") % {
            "number": mask_resident_id(normalize_resident_id(person.resident_id))}
