"""What staff record after the fact: attendance once a session has begun, exam results once it has ended."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Registration, Session

Status = Registration.Status


@dataclass
class Outcome:
    """What a bulk step did: the records changed, and each record left alone with the reason why."""

    done: list = field(default_factory=list)
    refused: list[tuple[object, str]] = field(default_factory=list)


def _attendance_refusal(registration: Registration, now) -> str | None:
    session = registration.session
    if registration.status != Status.CONFIRMED:
        return _("attendance is recorded for confirmed trainees only.")
    if session.status == Session.Status.CANCELLED:
        return _("the session was cancelled.")
    if session.starts_at > now:
        return _("the session has not begun yet.")
    return None


def _exam_refusal(registration: Registration, now) -> str | None:
    if refusal := _attendance_refusal(registration, now):
        return refusal
    if registration.session.ends_at > now:
        return _("exam results are recorded once the session has ended.")
    if registration.attended is not True:
        return _("exam results are recorded for trainees who attended.")
    return None


def _mark(registrations, refusal, changes: dict, *, now, by) -> Outcome:
    outcome = Outcome()
    with transaction.atomic():
        rows = (
            Registration.objects.select_for_update(of=("self",)).select_related("session", "trainee")
            .filter(pk__in=[registration.pk for registration in registrations]).order_by("pk")
        )
        for registration in rows:
            if reason := refusal(registration, now):
                outcome.refused.append((registration, reason))
                continue
            if any(getattr(registration, name) != value for name, value in changes.items()):
                for name, value in changes.items():
                    setattr(registration, name, value)
                registration._history_user = by
                registration.save(update_fields=list(changes))
            outcome.done.append(registration)
    return outcome


def attendance_mark(*, registrations, attended: bool, now=None, by=None) -> Outcome:
    """Record attendance of confirmed trainees of sessions that have begun (an absent person has no result)."""
    changes = {"attended": attended} if attended else {"attended": False, "passed": None}
    return _mark(registrations, _attendance_refusal, changes, now=now or timezone.now(), by=by)


def exam_mark(*, registrations, passed: bool, now=None, by=None) -> Outcome:
    """Record the exam result of confirmed trainees who attended a session that has ended."""
    return _mark(registrations, _exam_refusal, {"passed": passed}, now=now or timezone.now(), by=by)
