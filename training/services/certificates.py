"""Certificates: numbered under a row lock, dated by staff within the session's own days, checked by citizens."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.dates import add_years
from redcross.models import BranchProfile

from .. import sms
from ..models import Certificate, CertificateSequence, Registration, Session


def _next_number(year: int, code: str) -> str:
    CertificateSequence.objects.bulk_create([CertificateSequence(year=year)], ignore_conflicts=True)
    sequence = CertificateSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{code}-{year}-{sequence.last:05d}"


def default_issue_date(session: Session) -> date:
    """The session's last day: a late entry of last year's session gets last year's date."""
    return timezone.localdate(session.ends_at)


def _date_refusal(session: Session, issued_on: date, today: date) -> str | None:
    first_day = timezone.localdate(session.starts_at)
    if issued_on < first_day:
        return _("A certificate cannot be dated %(date)s, before the session began on %(first)s.") % {
            "date": issued_on.isoformat(), "first": first_day.isoformat()}
    if issued_on > today:
        return _("A certificate cannot be dated %(date)s, which is in the future.") % {"date": issued_on.isoformat()}
    return None


def _shared_resident_ids(session: Session, passed: list[Registration]) -> list[str]:
    """Why staff cannot issue yet: people who would hold this session's certificates under one resident ID."""
    holders = {registration.trainee for registration in passed}
    holders.update(certificate.trainee for certificate in session.certificates.select_related("trainee"))
    names_by_id: dict[str, list[str]] = {}
    for trainee in sorted(holders, key=lambda trainee: (trainee.name, trainee.pk)):
        if trainee.resident_id:
            names_by_id.setdefault(trainee.resident_id, []).append(trainee.name)
    return [
        _("%(names)s have the same resident ID number, and a session gives one certificate per number: find out "
          "whose number it is and correct the other trainee's record before issuing certificates.")
        % {"names": "、".join(names)}
        for names in names_by_id.values() if len(names) > 1
    ]


def certificates_issue(
    *, session: Session, by=None, issued_on: date | None = None, today: date | None = None
) -> list[Certificate]:
    """Certificates for everyone who attended and passed a held certifying session and has none for it yet.

    Dated `issued_on` (by default the session's last day), never before the session nor in the future. Numbers
    follow BRANCHCODE-YEAR-SEQUENCE (e.g. HA-2025-00017), the year of the issue date, restarting each year.
    Sign-up takes a resident ID number whoever gives it, so two people of one session may share one: then
    nothing is issued until staff have found out whose number it is. Each holder is told by text message.
    """
    course = session.course
    if not course.certifies:
        raise ValidationError(_("“%(course)s” does not lead to a certificate.") % {"course": course.name})
    if session.status != Session.Status.HELD:
        raise ValidationError(_("Certificates are issued once the session has been held."))
    today = today or timezone.localdate()
    issued_on = issued_on or default_issue_date(session)
    if refusal := _date_refusal(session, issued_on, today):
        raise ValidationError(refusal, code="issue_date")
    code = BranchProfile.load().code
    issued = []
    with transaction.atomic():
        passed = list(
            session.registrations.select_related("trainee")
            .filter(status=Registration.Status.CONFIRMED, attended=True, passed=True)
            .exclude(trainee__certificates__session=session)
            .order_by("trainee__name", "pk")
        )
        if refusals := _shared_resident_ids(session, passed):
            raise ValidationError([ValidationError(refusal, code="shared_resident_id") for refusal in refusals])
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
            certificate._history_user = by
            certificate.save()
            issued.append(certificate)
        sms.tell_certificates_issued(issued, by=by)
    return issued


def certificate_revoke(*, certificate: Certificate, by=None) -> Certificate:
    """A revoked certificate reads “revoked” on its public check page; it is kept, never deleted."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked:
            raise ValidationError(_("Certificate %(number)s is already revoked.") % {"number": certificate.number})
        certificate.revoked = True
        certificate._history_user = by
        certificate.save(update_fields=["revoked"])
    return certificate


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
