"""What the training admins share: who may see personal data, the check page's address, a bulk step's report."""

from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from redcross.admin_support import PersonalDataSearch
from redcross.masking import mask_phone

from .. import services
from ..models import Certificate, Trainee

PERSONAL_DATA_PERMISSION = "training.view_personal_data"


def sees_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


class PersonalDataSearchLogged(PersonalDataSearch):
    """Trainees found by a whole ID or mobile number only by staff allowed to see them, each time logged."""

    def may_search_personal_data(self, request) -> bool:
        return sees_personal_data(request.user)

    def personal_data_found(self, request, rows) -> None:
        trainees = rows if rows.model is Trainee else Trainee.objects.filter(pk__in=rows.values("trainee"))
        services.personal_data_seen(user=request.user, seen=[
            (trainee, gettext_lazy("Search by resident ID or mobile number")) for trainee in trainees.order_by("pk")
        ])


def verify_url_for(request):
    """The absolute address of a certificate's public check page, in the portal's main language."""

    def verify_url(certificate: Certificate) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("training:certificate_verify", args=[certificate.token])
        return request.build_absolute_uri(path)

    return verify_url


def masked_mobile_of(registration) -> str:
    return mask_phone(registration.trainee.mobile) if registration.trainee_id else "—"


def report_outcome(modeladmin, request, outcome, mark) -> None:
    """How many records a bulk step changed, and each one left alone with the service's reason."""
    done = len(outcome.done)
    if done:
        modeladmin.message_user(request, ngettext(
            "%(count)d registration is now marked “%(mark)s”.",
            "%(count)d registrations are now marked “%(mark)s”.", done,
        ) % {"count": done, "mark": mark}, messages.SUCCESS)
    for registration, reason in outcome.refused:
        modeladmin.message_user(request, _("%(registration)s was left as it was: %(reason)s") % {
            "registration": registration, "reason": reason}, messages.WARNING)
