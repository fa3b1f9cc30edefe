"""Every write of the training app that carries a rule: sign-up with seat limits, cancelling, certificates."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from redcross.dates import add_years
from redcross.models import BranchProfile
from redcross.validators import normalize_phone, normalize_resident_id

from .models import Certificate, CertificateSequence, PersonalDataAccess, Registration, Session, Trainee

Status = Registration.Status


@dataclass(frozen=True)
class SignUp:
    name: str
    mobile: str
    resident_id: str = ""
    organisation: str = ""


def trainee_for(person: SignUp) -> Trainee:
    """The trainee with this name and mobile number, created or completed with what the person gave."""
    name = " ".join(person.name.split())
    mobile = normalize_phone(person.mobile)
    resident_id = normalize_resident_id(person.resident_id)
    trainee = Trainee.objects.filter(name=name, mobile=mobile).first()
    if trainee is None:
        trainee = Trainee(name=name, mobile=mobile, resident_id=resident_id, organisation=person.organisation)
    elif resident_id and trainee.resident_id and trainee.resident_id != resident_id:
        raise ValidationError(
            {"resident_id": _("This ID number does not match the one we hold for this name and mobile number. "
                              "Please call the branch to correct it.")}
        )
    else:
        trainee.resident_id = trainee.resident_id or resident_id
        trainee.organisation = trainee.organisation or person.organisation
    trainee.full_clean(validate_unique=False)
    trainee.save()
    return trainee


def unique_code() -> str:
    while True:
        code = Registration.new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


def registration_create(*, session: Session, person: SignUp, consent: bool, now=None) -> Registration:
    """Sign a person up: confirmed while seats remain, otherwise on the waiting list, never overbooked."""
    if not consent:
        raise ValidationError(
            {"consent": _("Please agree to the use of your personal information for this training.")}
        )
    now = now or timezone.now()
    with transaction.atomic():
        # The session row is the lock: sign-ups for one session are counted one at a time.
        session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
        if not session.signup_open(now):
            raise ValidationError(_("Sign-up for this session is closed."), code="signup_closed")
        if session.course.certifies and not person.resident_id.strip():
            raise ValidationError(
                {"resident_id": _("This course leads to a certificate: please give your resident ID number.")}
            )
        trainee = trainee_for(person)
        same_person = Q(trainee=trainee)
        if trainee.resident_id:
            same_person |= Q(trainee__resident_id=trainee.resident_id)
        if session.registrations.filter(same_person).exclude(status=Status.CANCELLED).exists():
            raise ValidationError(_("You have already signed up for this session."), code="duplicate")
        confirmed = session.registrations.filter(status=Status.CONFIRMED).count()
        registration = Registration(
            session=session, trainee=trainee, code=unique_code(), consent_at=now, created_at=now,
            status=Status.CONFIRMED if confirmed < session.seats else Status.WAITING,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise ValidationError(_("You have already signed up for this session."), code="duplicate") from error
        if registration.status == Status.CONFIRMED and confirmed + 1 >= session.seats:
            Session.objects.filter(pk=session.pk).update(status=Session.Status.FULL)
    return registration


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    earlier = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lte=registration.pk)
    return registration.session.registrations.filter(earlier, status=Status.WAITING).count()


def registration_cancel(*, registration: Registration, now=None) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first person waiting, who is returned."""
    now = now or timezone.now()
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return None
        if session.status == Session.Status.HELD or session.starts_at <= now:
            raise ValidationError(_("This session has already begun: it can no longer be cancelled online."))
        freed_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed_seat:
            promoted = (
                session.registrations.select_for_update().filter(status=Status.WAITING)
                .order_by("created_at", "pk").first()
            )
            if promoted is not None:
                promoted.status = Status.CONFIRMED
                promoted.save(update_fields=["status"])
            elif session.status == Session.Status.FULL:
                Session.objects.filter(pk=session.pk).update(status=Session.Status.OPEN)
    return promoted


def attendance_mark(*, registrations, attended: bool) -> int:
    """Record attendance of the confirmed among `registrations` (an absent person has no exam result)."""
    cleared = {} if attended else {"passed": None}
    return Registration.objects.filter(
        pk__in=[registration.pk for registration in registrations], status=Status.CONFIRMED
    ).update(attended=attended, **cleared)


def exam_mark(*, registrations, passed: bool) -> int:
    """Record the exam result of the confirmed among `registrations` who attended; returns how many."""
    return Registration.objects.filter(
        pk__in=[registration.pk for registration in registrations], status=Status.CONFIRMED, attended=True
    ).update(passed=passed)


def personal_data_seen(*, user, seen) -> None:
    """Log that `user` was shown whole ID or mobile numbers: one row per (trainee or None, what) in `seen`."""
    with translation.override(settings.LANGUAGE_CODE):
        PersonalDataAccess.objects.bulk_create(
            [PersonalDataAccess(user=user, trainee=trainee, what=str(what)[:200]) for trainee, what in seen]
        )


def session_hold(*, session: Session) -> Session:
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("A cancelled session cannot be marked as held."))
    Session.objects.filter(pk=session.pk).update(status=Session.Status.HELD)
    session.status = Session.Status.HELD
    return session


def _next_number(year: int, code: str) -> str:
    CertificateSequence.objects.bulk_create([CertificateSequence(year=year)], ignore_conflicts=True)
    sequence = CertificateSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{code}-{year}-{sequence.last:05d}"



def certificates_issue(*, session: Session, by=None, issued_on: date | None = None) -> list[Certificate]:
    """Certificates for everyone who attended and passed a held certifying session and has none for it yet.

    Numbers follow BRANCHCODE-YEAR-SEQUENCE (e.g. HA-2025-00017), the sequence restarting each year.
    """
    course = session.course
    if not course.certifies:
        raise ValidationError(_("“%(course)s” does not lead to a certificate.") % {"course": course.name})
    if session.status != Session.Status.HELD:
        raise ValidationError(_("Certificates are issued once the session has been held."))
    issued_on = issued_on or timezone.localdate()
    code = BranchProfile.load().code
    issued = []
    with transaction.atomic():
        passed = (
            session.registrations.select_related("trainee")
            .filter(status=Status.CONFIRMED, attended=True, passed=True)
            .exclude(trainee__certificates__session=session)
            .order_by("trainee__name", "pk")
        )
        for registration in passed:
            if not registration.trainee.resident_id:
                raise ValidationError(
                    _("%(name)s has no resident ID number on record: add it before issuing the certificate.")
                    % {"name": registration.trainee.name}
                )
            certificate = Certificate(
                number=_next_number(issued_on.year, code), trainee=registration.trainee, course=course,
                session=session, issued_on=issued_on, expires_on=add_years(issued_on, course.validity_years),
                token=Certificate.new_token(), issued_by=by,
            )
            certificate.full_clean()
            certificate.save()
            issued.append(certificate)
    return issued


def certificate_lookup(*, number: str, name: str) -> Certificate | None:
    """The certificate with this number whose holder has this name, or None: both must match."""
    number = "".join(number.split()).upper()
    name = " ".join(name.split())
    if not number or not name:
        return None
    return (
        Certificate.objects.select_related("trainee", "course")
        .filter(number=number, trainee__name=name)
        .first()
    )
