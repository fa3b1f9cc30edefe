"""Trainees, certificates and the log of personal data seen whole."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from redcross.admin_support import (
    PDF_TYPE,
    LifeCycleHistoryAdmin,
    ReadOnlyInline,
    RecordOnlyAdmin,
    apply_each,
    attachment,
    masked_history,
)
from redcross.masking import mask_phone, mask_resident_id

from .. import services
from ..documents import certificates_pdf
from ..models import Certificate, PersonalDataAccess, Registration, Trainee
from ..notify import EXPIRY_NOTICE_DAYS, expiry_window
from .common import PersonalDataSearchLogged, sees_personal_data, verify_url_for


class TraineeRegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ("session", "status", "attended", "passed", "code")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session__course")


@admin.register(Trainee)
class TraineeAdmin(PersonalDataSearchLogged, LifeCycleHistoryAdmin):
    """Personal data is never reverted from history: corrections are typed again, by staff allowed to see it.

    Forms that choose a trainee (a registration's, a session's rows) search here as well.
    """

    list_display = ("name", "mobile_shown", "resident_id_shown", "organisation", "created_at")
    search_fields = ("name", "organisation")
    personal_search_fields = ("=mobile", "=resident_id")
    inlines = [TraineeRegistrationInline]

    def shows_whole(self, request, obj) -> bool:
        """Numbers are typed in whole for a new trainee, and shown whole only to staff allowed to see them."""
        return obj is None or sees_personal_data(request.user)

    def get_fields(self, request, obj=None):
        if self.shows_whole(request, obj):
            return ("name", "mobile", "resident_id", "organisation", "created_at")
        return ("name", "mobile_shown", "resident_id_shown", "organisation", "created_at")

    def get_readonly_fields(self, request, obj=None):
        if self.shows_whole(request, obj):
            return ("created_at",)
        return ("mobile_shown", "resident_id_shown", "created_at")

    def save_model(self, request, obj, form, change):
        services.trainee_save(trainee=obj, by=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and sees_personal_data(request.user):
            services.personal_data_seen(
                user=request.user, seen=[(obj, _("ID and mobile number on the trainee's page"))]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if sees_personal_data(request.user):
            trainee = Trainee.objects.filter(pk=object_id).first()
            services.personal_data_seen(
                user=request.user, seen=[(trainee, _("Mobile number in the trainee's history"))]
            )
        return response

    def get_historical_record_context_helper(self, request, historical_record):
        return masked_history({"mobile": mask_phone})(self.model, historical_record)

    @admin.display(description=_("mobile number"))
    def mobile_shown(self, trainee):
        return mask_phone(trainee.mobile)

    @admin.display(description=_("resident ID number"))
    def resident_id_shown(self, trainee):
        return mask_resident_id(trainee.resident_id)


class ExpiryFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("expires within %(days)d days") % {"days": EXPIRY_NOTICE_DAYS}),
            ("valid", _("valid")),
            ("expired", _("expired")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "soon":
            return queryset.filter(revoked=False, expires_on__range=expiry_window(today))
        if self.value() == "valid":
            return queryset.filter(revoked=False, expires_on__gte=today)
        if self.value() == "expired":
            return queryset.filter(expires_on__lt=today)
        return queryset


CERTIFICATE_STATES = {"valid": _("valid"), "expired": _("expired"), "revoked": _("revoked")}


@admin.register(Certificate)
class CertificateAdmin(LifeCycleHistoryAdmin):
    """Certificates come from the session action “Issue certificates”; here they are found, printed or revoked."""

    list_display = ("number", "trainee", "resident_id_shown", "course", "issued_on", "expires_on", "state_shown")
    list_filter = (ExpiryFilter, "course", "revoked")
    list_select_related = ("trainee", "course")
    search_fields = ("number", "trainee__name")
    date_hierarchy = "issued_on"
    fields = ("number", "trainee", "resident_id_shown", "course", "session", "issued_on", "expires_on",
              "issued_by", "revoked", "verify_link")
    readonly_fields = fields
    actions = ["download_pdf", "revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("resident ID number"))
    def resident_id_shown(self, certificate):
        return mask_resident_id(certificate.trainee.resident_id)

    @admin.display(description=_("state"))
    def state_shown(self, certificate):
        return CERTIFICATE_STATES[certificate.state()]

    @admin.display(description=_("public check"))
    def verify_link(self, certificate):
        with translation.override(settings.LANGUAGE_CODE):
            url = certificate.get_absolute_url()
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the check page"))

    @admin.action(description=_("Revoke"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = apply_each(self, request, queryset, lambda certificate: services.certificate_revoke(
            certificate=certificate, by=request.user))
        if revoked:
            self.message_user(request, ngettext(
                "%(count)d certificate revoked.", "%(count)d certificates revoked.", revoked,
            ) % {"count": revoked}, messages.SUCCESS)

    @admin.action(description=_("Download as PDF"), permissions=["view"])
    def download_pdf(self, request, queryset):
        certificates = list(queryset.filter(revoked=False).select_related("trainee", "course").order_by("number"))
        skipped = queryset.filter(revoked=True).count()
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d revoked certificate was left out.", "%(count)d revoked certificates were left out.",
                skipped,
            ) % {"count": skipped}, messages.WARNING)
        if not certificates:
            return None
        return attachment(certificates_pdf(certificates, verify_url_for(request)), PDF_TYPE,
                          f"certificates-{timezone.localdate()}.pdf")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(RecordOnlyAdmin):
    """The log of whole ID and mobile numbers shown to staff: read only, for everyone."""

    list_display = ("at", "user", "trainee", "what")
    list_filter = ("user",)
    list_select_related = ("user", "trainee")
    search_fields = ("trainee__name", "user__username", "what")
    date_hierarchy = "at"
