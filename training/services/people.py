"""The people of the training app: trainees found again by name and mobile number, and who saw their numbers."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from redcross.validators import normalize_phone, normalize_resident_id

from ..models import PersonalDataAccess, Trainee


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
