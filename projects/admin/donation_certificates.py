"""The staff's way to a donor's thank-you certificate (捐赠证书): an action of the donations' list, wired into
DonationAdmin's `actions`."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redcross.admin_support import PDF_TYPE, attachment
from redcross.formats import yuan

from ..donation_certificates import certificate_eligible, certificate_threshold, certificates_pdf
from ..donation_lookup import lookup_url
from ..donation_names import PUBLIC_FIELDS


@admin.action(description=gettext_lazy("Download the thank-you certificates (PDF)"), permissions=["view"])
def download_certificate(modeladmin, request, queryset):
    """One page per chosen donation worth at least the branch's threshold; the others are left out."""
    threshold = certificate_threshold()
    if threshold is None:
        modeladmin.message_user(
            request,
            _("The branch gives no thank-you certificates: set the value they start from in the branch profile."),
            messages.WARNING,
        )
        return None
    donations = [
        donation
        for donation in queryset.only(*PUBLIC_FIELDS).order_by("received_on", "pk")
        if certificate_eligible(donation, threshold)
    ]
    if not donations:
        modeladmin.message_user(
            request,
            _("None of the chosen donations is worth %(threshold)s or more: they get no thank-you certificate.")
            % {"threshold": yuan(threshold)},
            messages.WARNING,
        )
        return None
    name = (
        f"donation-certificate-{donations[0].receipt_number}.pdf"
        if len(donations) == 1
        else f"donation-certificates-{timezone.localdate()}.pdf"
    )
    return attachment(certificates_pdf(donations, lookup_url), PDF_TYPE, name)
