"""The people of the training app: trainees found again by name and mobile number, and who saw their numbers."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation

from redcross import rows
from redcross.history import Deferred, without_history
from redcross.validators import normalize_phone, normalize_resident_id

from ..models import PersonalDataAccess, Trainee


@dataclass(frozen=True)
class SignUp:
    name: str
    mobile: str
    resident_id: str = ""
    organisation: str = ""


def trainee_for(person: SignUp, *, later: Deferred | None = None) -> Trainee:
    """The trainee with this name and mobile number, created or completed with what the person gave.

    The name and mobile number are the person: a resident ID number given here only fills an empty one and never
    replaces the one on record (callers compare the two). What the person typed is checked the same way whatever
    is on record. Safe when one new person signs up for several sessions at once: the database adds them once (the
    others wait for it, then read that row), without an error that would spoil a caller's transaction. With
    `later`, a new trainee's history row waits for the caller.
    """
    given = Trainee(name=" ".join(person.name.split()), mobile=normalize_phone(person.mobile),
                    resident_id=normalize_resident_id(person.resident_id), organisation=person.organisation)
    given.full_clean(validate_unique=False, validate_constraints=False)  # the database holds (name, mobile)
    with without_history(given, skip=later is not None):
        # New people (a crowd's, mostly) are added in one statement; someone on record costs a second, to read them
        # (and a third try should staff remove them in between).
        while not rows.added(given, unique=("name", "mobile")):
            trainee = rows.one(Trainee, "name = %s AND mobile = %s", [given.name, given.mobile])
            if trainee is not None:
                return _completed(trainee, given)
    if later is not None:
        later.saved(given)
    return given


def _completed(trainee: Trainee, given: Trainee) -> Trainee:
    """Fill the trainee's empty resident ID number and organisation from a sign-up; nothing on record changes."""
    changed = [name for name in ("resident_id", "organisation") if not getattr(trainee, name) and getattr(given, name)]
    for name in changed:
        setattr(trainee, name, getattr(given, name))
    if changed:
        trainee.save(update_fields=changed)
    return trainee


def resident_id_differs(trainee: Trainee, person: SignUp) -> bool:
    """Did the person give a resident ID number other than the one on record for their name and mobile?"""
    given = normalize_resident_id(person.resident_id)
    return bool(given and trainee.resident_id and given != trainee.resident_id)


def trainee_save(*, trainee: Trainee, by=None) -> Trainee:
    """A trainee's record as staff edit it: the same checks as a sign-up, numbers stored in their plain form."""
    trainee.name = " ".join(trainee.name.split())
    trainee.mobile = normalize_phone(trainee.mobile)
    trainee.resident_id = normalize_resident_id(trainee.resident_id)
    trainee.full_clean()
    trainee._history_user = by
    with transaction.atomic():
        trainee.save()
    return trainee


def personal_data_seen(*, user, seen) -> None:
    """Log that `user` was shown whole ID or mobile numbers: one row per (trainee or None, what) in `seen`."""
    with translation.override(settings.LANGUAGE_CODE):
        PersonalDataAccess.objects.bulk_create(
            [PersonalDataAccess(user=user, trainee=trainee, what=str(what)[:200]) for trainee, what in seen]
        )
