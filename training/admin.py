"""The training staff's screens: bases, courses, sessions with their registrations, certificates and visits.

ID and mobile numbers are masked everywhere here, except on a trainee's own page and in an Excel roster for a
staff member given the permission “training.view_personal_data”; each time those show them whole is logged.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportMixin
from import_export.formats.base_formats import XLSX
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from redcross.masking import mask_phone, mask_resident_id

from . import services
from .documents import certificates_pdf, rosters_pdf
from .models import (
    AGREEMENT_WARNING_DAYS,
    Base,
    BaseFunding,
    Certificate,
    Course,
    Equipment,
    Instructor,
    PersonalDataAccess,
    Registration,
    Session,
    Trainee,
    Visit,
)
from .notify import EXPIRY_NOTICE_DAYS, expiry_window
from .resources import RosterImportResource, roster_registrations, roster_workbook

PERSONAL_DATA_PERMISSION = "training.view_personal_data"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sees_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def verify_url_for(request):
    """The absolute address of a certificate's public check page, in the portal's main language."""

    def verify_url(certificate: Certificate) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("training:certificate_verify", args=[certificate.token])
        return request.build_absolute_uri(path)

    return verify_url


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Bases


class EquipmentInline(admin.TabularInline):
    model = Equipment
    fields = ("name", "count")
    extra = 0


class BaseFundingInline(admin.TabularInline):
    model = BaseFunding
    fields = ("source", "amount", "spent_on", "purpose")
    extra = 0


def agreement_warning_window(today):
    return today, today + timedelta(days=AGREEMENT_WARNING_DAYS)


class AgreementFilter(admin.SimpleListFilter):
    title = _("use agreement")
    parameter_name = "agreement_ends"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("ends within %(days)d days") % {"days": AGREEMENT_WARNING_DAYS}),
            ("ended", _("has ended")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "soon":
            return queryset.filter(agreement_end__range=agreement_warning_window(today))
        if self.value() == "ended":
            return queryset.filter(agreement_end__lt=today)
        return queryset


@admin.register(Base)
class BaseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "position", "host", "seats", "standardised", "agreement_end", "agreement_ends_soon",
                    "published")
    list_filter = (AgreementFilter, "position", "standardised", "published")
    search_fields = ("name", "host", "address", "manager")
    inlines = [EquipmentInline, BaseFundingInline]
    fieldsets = (
        (None, {"fields": ("name", "position", "host", "published")}),
        (_("Where"), {"fields": ("address", ("latitude", "longitude"), "rooms", "seats", "cover", "opening_notes")}),
        (_("Standard and management"), {"fields": (("standardised", "standardised_since"), "manager",
                                                    "contact_phone", ("opened_on", "closed_on"))}),
        (_("Use agreement"), {"fields": ("agreement", ("agreement_start", "agreement_end"), "agreement_file")}),
    )

    @admin.display(description=_("agreement ends soon"), boolean=True)
    def agreement_ends_soon(self, base):
        return base.agreement_ends_soon()

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            self.warn_of_ending_agreements(request)
        return super().changelist_view(request, extra_context)

    def warn_of_ending_agreements(self, request):
        names = list(
            Base.objects.filter(agreement_end__range=agreement_warning_window(timezone.localdate()))
            .order_by("agreement_end", "name").values_list("name", flat=True)
        )
        if names:
            self.message_user(request, ngettext(
                "The use agreement of %(bases)s ends within %(days)d days.",
                "The use agreements of %(bases)s end within %(days)d days.", len(names),
            ) % {"bases": "、".join(names), "days": AGREEMENT_WARNING_DAYS}, messages.WARNING)


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "hours", "certifies", "validity_years")
    list_filter = ("kind", "certifies")
    search_fields = ("name",)


@admin.register(Instructor)
class InstructorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "qualification", "qualification_expires", "phone_shown", "active")
    list_filter = ("active",)
    search_fields = ("name", "qualification")

    @admin.display(description=_("phone"))
    def phone_shown(self, instructor):
        return mask_phone(instructor.phone)


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ("date", "base", "organisation", "headcount", "activities")
    list_filter = ("base",)
    list_select_related = ("base",)
    search_fields = ("organisation", "activities", "base__name")
    autocomplete_fields = ("base",)
    date_hierarchy = "date"


# Sessions and registrations


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ("trainee", "mobile_shown", "status", "attended", "passed", "code")
    readonly_fields = ("mobile_shown", "code")
    autocomplete_fields = ("trainee",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("trainee")

    @admin.display(description=_("mobile number"))
    def mobile_shown(self, registration):
        return mask_phone(registration.trainee.mobile) if registration.trainee_id else "—"


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ("title_shown", "starts_at", "place_shown", "audience", "status", "seats", "confirmed",
                    "attended")
    list_filter = ("course", "base", "status", "audience")
    list_select_related = ("course", "base")
    search_fields = ("title", "course__name", "base__name", "venue", "organiser")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("course", "base")
    filter_horizontal = ("instructors",)
    inlines = [RegistrationInline]
    readonly_fields = ("roster_import_link",)
    actions = ["mark_held", "issue_certificates", "download_roster_pdf", "download_certificates_pdf",
               "export_roster"]

    def get_fieldsets(self, request, obj=None):
        trainees = ("headcount", "roster_import_link") if obj and self.may_import_rosters(request) else (
            "headcount",)
        return (
            (None, {"fields": ("course", "title", ("starts_at", "ends_at"), ("base", "venue"), "audience",
                               "organiser", "instructors")}),
            (_("Sign-up"), {"fields": ("seats", "public_signup", "signup_deadline", "status")}),
            (_("Trainees"), {"fields": trainees}),
        )

    def may_import_rosters(self, request) -> bool:
        return request.user.has_perm("training.add_registration")

    def has_issue_permission(self, request):
        return request.user.has_perm("training.add_certificate")

    def get_queryset(self, request):
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        return super().get_queryset(request).annotate(
            confirmed=Count("registrations", filter=confirmed),
            attended=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Registration:
            return super().save_formset(request, form, formset, change)
        registrations = formset.save(commit=False)
        for registration in formset.deleted_objects:
            registration.delete()
        for registration in registrations:
            registration.code = registration.code or services.unique_code()
            registration.save()
        formset.save_m2m()

    @admin.display(description=_("title"), ordering="title")
    def title_shown(self, session):
        return session.display_title

    @admin.display(description=_("Place"))
    def place_shown(self, session):
        return session.place

    @admin.display(description=_("confirmed"), ordering="confirmed")
    def confirmed(self, session):
        return session.confirmed

    @admin.display(description=_("attended"), ordering="attended")
    def attended(self, session):
        return session.attended

    @admin.display(description=_("Roster from Excel"))
    def roster_import_link(self, session):
        url = reverse("admin:training_registration_import") + f"?session={session.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Import an outside roster into this session"))

    @admin.action(description=_("Mark as held"), permissions=["change"])
    def mark_held(self, request, queryset):
        held = 0
        for session in queryset:
            try:
                services.session_hold(session=session)
                held += 1
            except ValidationError as error:
                self.message_user(request, f"{session}: {error_text(error)}", messages.ERROR)
        if held:
            self.message_user(request, ngettext(
                "%(count)d session marked as held.", "%(count)d sessions marked as held.", held,
            ) % {"count": held}, messages.SUCCESS)

    @admin.action(description=_("Issue certificates to everyone who passed"), permissions=["issue"])
    def issue_certificates(self, request, queryset):
        for session in queryset.select_related("course"):
            try:
                issued = services.certificates_issue(session=session, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{session}: {error_text(error)}", messages.ERROR)
                continue
            if issued:
                self.message_user(request, ngettext(
                    "%(session)s: %(count)d certificate issued, numbers %(first)s to %(last)s.",
                    "%(session)s: %(count)d certificates issued, numbers %(first)s to %(last)s.", len(issued),
                ) % {"session": session, "count": len(issued), "first": issued[0].number,
                     "last": issued[-1].number}, messages.SUCCESS)
            else:
                self.message_user(request, _(
                    "%(session)s: no certificate issued; everyone who attended and passed already has one."
                ) % {"session": session}, messages.WARNING)

    @admin.action(description=_("Download the roster (PDF)"), permissions=["view"])
    def download_roster_pdf(self, request, queryset):
        return attachment(rosters_pdf(queryset), "application/pdf", f"roster-{timezone.localdate()}.pdf")

    @admin.action(description=_("Download the certificates (PDF)"), permissions=["view"])
    def download_certificates_pdf(self, request, queryset):
        certificates = (
            Certificate.objects.filter(session__in=list(queryset.values_list("pk", flat=True)), revoked=False)
            .select_related("trainee", "course").order_by("number")
        )
        if not certificates:
            self.message_user(request, _("The chosen sessions have no certificates."), messages.WARNING)
            return None
        return attachment(certificates_pdf(certificates, verify_url_for(request)), "application/pdf",
                          f"certificates-{timezone.localdate()}.pdf")

    @admin.action(description=_("Export the roster to Excel"), permissions=["view"])
    def export_roster(self, request, queryset):
        registrations = roster_registrations(queryset)
        whole = sees_personal_data(request.user)
        content = roster_workbook(registrations, whole=whole)
        if whole:
            services.personal_data_seen(user=request.user, seen=[
                (registration.trainee, _("ID and mobile numbers in the Excel roster of %(session)s")
                 % {"session": registration.session})
                for registration in registrations
            ])
        return attachment(content, XLSX_TYPE, f"roster-{timezone.localdate()}.xlsx")


class RosterImportForm(ImportForm):
    session = forms.ModelChoiceField(
        label=_("session"),
        queryset=Session.objects.exclude(status=Session.Status.CANCELLED).select_related("course"),
        help_text=_("The people of the file are registered, confirmed, for this session."),
    )
    field_order = ["session", "resource", "import_file", "format"]


class RosterConfirmImportForm(ConfirmImportForm):
    session = forms.ModelChoiceField(queryset=Session.objects.all(), widget=forms.HiddenInput)


def record_action(name: str, description, mark, *, exam: bool, **values):
    """A bulk action writing attendance (exam=False) or exam results (exam=True) of confirmed registrations."""

    def action(modeladmin, request, queryset):
        selected = list(queryset)
        if exam:
            done = services.exam_mark(registrations=selected, **values)
        else:
            done = services.attendance_mark(registrations=selected, **values)
        if done:
            modeladmin.message_user(request, ngettext(
                "%(count)d registration is now marked “%(mark)s”.",
                "%(count)d registrations are now marked “%(mark)s”.", done,
            ) % {"count": done, "mark": mark}, messages.SUCCESS)
        left = len(selected) - done
        if left and exam:
            modeladmin.message_user(request, ngettext(
                "%(count)d registration was left as it was: exam results are recorded for confirmed trainees "
                "who attended.",
                "%(count)d registrations were left as they were: exam results are recorded for confirmed "
                "trainees who attended.", left,
            ) % {"count": left}, messages.WARNING)
        elif left:
            modeladmin.message_user(request, ngettext(
                "%(count)d registration was left as it was: attendance is recorded for confirmed trainees.",
                "%(count)d registrations were left as they were: attendance is recorded for confirmed trainees.",
                left,
            ) % {"count": left}, messages.WARNING)

    action.__name__ = name
    action.allowed_permissions = ("change",)
    action.short_description = description
    return action


@admin.register(Registration)
class RegistrationAdmin(ImportMixin, admin.ModelAdmin):
    """Registrations across sessions, with attendance and exam results in bulk and rosters imported from Excel."""

    resource_classes = [RosterImportResource]
    import_formats = [XLSX]
    import_form_class = RosterImportForm
    confirm_form_class = RosterConfirmImportForm
    list_display = ("trainee", "mobile_shown", "session", "status", "attended", "passed", "code", "created_at")
    list_filter = ("status", "attended", "passed", "session__course", "session__base")
    list_select_related = ("trainee", "session__course", "session__base")
    search_fields = ("trainee__name", "=trainee__mobile", "=code", "session__title", "session__course__name")
    autocomplete_fields = ("session", "trainee")
    fields = ("session", "trainee", "mobile_shown", "status", "attended", "passed", "consent_at", "code",
              "created_at", "cancelled_at")
    readonly_fields = ("mobile_shown", "code", "created_at", "cancelled_at")
    actions = [
        record_action("mark_attended", _("Mark as attended"), _("attended"), exam=False, attended=True),
        record_action("mark_absent", _("Mark as absent"), _("absent"), exam=False, attended=False),
        record_action("mark_passed", _("Mark as passed the exam"), _("passed"), exam=True, passed=True),
        record_action("mark_failed", _("Mark as failed the exam"), _("failed"), exam=True, passed=False),
    ]

    @admin.display(description=_("mobile number"))
    def mobile_shown(self, registration):
        return mask_phone(registration.trainee.mobile) if registration.trainee_id else "—"

    def save_model(self, request, obj, form, change):
        obj.code = obj.code or services.unique_code()
        super().save_model(request, obj, form, change)

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        if request.GET.get("session", "").isdigit():
            initial["session"] = int(request.GET["session"])
        return initial

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["session"] = import_form.cleaned_data["session"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        session = (getattr(form, "cleaned_data", None) or {}).get("session")
        return {**super().get_import_resource_kwargs(request, **kwargs), "session": session}

    def get_import_data_kwargs(self, **kwargs):
        # A row that turns bad between the preview and the import cancels the whole import.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}


# Trainees, certificates and the personal data log


class MaskedHistoryHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        if change.field == "mobile":
            return mask_phone(value)
        return super().prepare_delta_change_value(change, value)


class TraineeRegistrationInline(admin.TabularInline):
    model = Registration
    fields = ("session", "status", "attended", "passed", "code")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session__course")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Trainee)
class TraineeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "mobile_shown", "resident_id_shown", "organisation", "created_at")
    search_fields = ("name", "=mobile", "=resident_id", "organisation")
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
        return MaskedHistoryHelper(self.model, historical_record)

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
class CertificateAdmin(SimpleHistoryAdmin):
    """Certificates come from the session action “Issue certificates”; here they are found, printed or revoked."""

    list_display = ("number", "trainee", "resident_id_shown", "course", "issued_on", "expires_on", "state_shown")
    list_filter = (ExpiryFilter, "course", "revoked")
    list_select_related = ("trainee", "course")
    search_fields = ("number", "trainee__name")
    date_hierarchy = "issued_on"
    fields = ("number", "trainee", "resident_id_shown", "course", "session", "issued_on", "expires_on",
              "issued_by", "revoked", "verify_link")
    readonly_fields = ("number", "trainee", "resident_id_shown", "course", "session", "issued_on", "expires_on",
                       "issued_by", "verify_link")
    actions = ["download_pdf"]

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
        return attachment(certificates_pdf(certificates, verify_url_for(request)), "application/pdf",
                          f"certificates-{timezone.localdate()}.pdf")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """The log of whole ID and mobile numbers shown to staff: read only, for everyone."""

    list_display = ("at", "user", "trainee", "what")
    list_filter = ("user",)
    list_select_related = ("user", "trainee")
    search_fields = ("trainee__name", "user__username", "what")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
