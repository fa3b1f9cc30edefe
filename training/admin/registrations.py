"""Registrations across sessions: the steps staff take (confirm, cancel, attendance, exam results) and rosters
imported from Excel, each through the service that owns its rule."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from import_export.admin import ImportMixin
from import_export.formats.base_formats import XLSX

from redcross.admin_support import LifeCycleHistoryAdmin, add_errors, apply_each, report_refusal

from .. import selectors, services
from ..forms import ReasonForm, RegistrationActionForm, RosterConfirmImportForm, RosterImportForm, StaffRegistrationForm
from ..models import Registration
from ..resources import RosterImportResource
from .common import PersonalDataSearchLogged, masked_mobile_of, report_outcome

STEPS = {  # action name: (service, keyword arguments, what the records are now marked)
    "mark_attended": (services.attendance_mark, {"attended": True}, _("attended")),
    "mark_absent": (services.attendance_mark, {"attended": False}, _("absent")),
    "mark_passed": (services.exam_mark, {"passed": True}, _("passed")),
    "mark_failed": (services.exam_mark, {"passed": False}, pgettext_lazy("exam result", "failed")),
}


def record_action(name: str, description):
    """A bulk action recording attendance or exam results through the service, which says what it left alone."""
    service, values, mark = STEPS[name]

    def action(modeladmin, request, queryset):
        outcome = service(registrations=list(queryset), by=request.user, **values)
        report_outcome(modeladmin, request, outcome, mark)

    action.__name__ = name
    action.allowed_permissions = ("change",)
    action.short_description = description
    return action


class ResidentIdCheckFilter(admin.SimpleListFilter):
    title = _("resident ID check")
    parameter_name = "resident_id_check"

    def lookups(self, request, model_admin):
        return [("needed", _("needs checking"))]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.filter(Q(resident_id_shared=True) | Q(resident_id_noted=True))
        return queryset


class StaffRegistrationAdminForm(StaffRegistrationForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("session") and cleaned.get("trainee"):
            try:
                services.registration_add_check(session=cleaned["session"], trainee=cleaned["trainee"])
            except ValidationError as error:
                add_errors(self, error)
        return cleaned


@admin.register(Registration)
class RegistrationAdmin(PersonalDataSearchLogged, ImportMixin, LifeCycleHistoryAdmin):
    """Registrations across sessions, with attendance and exam results in bulk and rosters imported from Excel."""

    resource_classes = [RosterImportResource]
    import_formats = [XLSX]
    import_form_class = RosterImportForm
    confirm_form_class = RosterConfirmImportForm
    form = StaffRegistrationAdminForm
    action_form = RegistrationActionForm
    list_display = ("trainee", "mobile_shown", "session", "status", "attended", "passed", "code", "created_at",
                    "resident_id_check")
    list_filter = ("status", "attended", "passed", ResidentIdCheckFilter, "session__course", "session__base")
    list_select_related = ("trainee", "session__course", "session__base")
    search_fields = ("trainee__name", "=code", "session__title", "session__course__name")
    personal_search_fields = ("=trainee__mobile", "=trainee__resident_id")
    autocomplete_fields = ("session", "trainee")
    actions = [
        "confirm", "cancel",
        record_action("mark_attended", _("Mark as attended")),
        record_action("mark_absent", _("Mark as absent")),
        record_action("mark_passed", _("Mark as passed the exam")),
        record_action("mark_failed", _("Mark as failed the exam")),
    ]
    state_fields = ("status", "attended", "passed", "code", "created_at", "consent_at", "added_by",
                    "beyond_seats_reason", "beyond_seats_by", "cancelled_at", "cancelled_by")

    def has_delete_permission(self, request, obj=None):
        return False  # a sign-up is cancelled (the action), never deleted: the waiting list must move up

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("session", "trainee")
        return ("session", "trainee", "mobile_shown", "resident_id_check_shown", *self.state_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("session", "trainee", "mobile_shown", "resident_id_check_shown", *self.state_fields)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            resident_id_shared=selectors.resident_id_shared(), resident_id_noted=selectors.resident_id_noted())

    @admin.display(description=_("resident ID check"))
    def resident_id_check(self, registration):
        """A sign-up takes any resident ID number without telling the citizen about others: staff check here."""
        checks = []
        if registration.resident_id_shared:
            checks.append(_("another person of this session gave the same number"))
        if registration.resident_id_noted:
            checks.append(_("another number was given at sign-up"))
        return format_html_join("", "<div>⚠ {}</div>", ((check,) for check in checks)) or "—"

    @admin.display(description=_("resident ID check"))
    def resident_id_check_shown(self, registration):
        checks = []
        if registration.resident_id_shared:
            others = selectors.sharing_resident_id(registration)
            checks.append(_(
                "%(names)s signed up for this session with the same resident ID number. Find out whose number it "
                "is and correct the other record: no certificate of this session is issued until then."
            ) % {"names": "、".join(others)})
        if registration.resident_id_noted:
            checks.append(selectors.resident_id_note(registration))
            checks.append(_("The number on record was kept: call the person to find out which one is right, and "
                            "correct it on the trainee's page if needed."))
        return format_html_join("", "<p>{}</p>", ((check,) for check in checks)) or "—"

    @admin.display(description=_("mobile number"))
    def mobile_shown(self, registration):
        return masked_mobile_of(registration)

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing on a registration's page is typed: its steps are the actions
        registration = services.registration_add_by_staff(session=obj.session, trainee=obj.trainee, by=request.user)
        obj.pk, obj.status, obj.code = registration.pk, registration.status, registration.code
        if registration.status == Registration.Status.WAITING:
            self.message_user(request, _(
                "Every seat is taken: %(name)s is on the waiting list. Confirm beyond the seats, with a reason, if "
                "needed."
            ) % {"name": obj.trainee.name}, messages.WARNING)

    @admin.action(description=_("Confirm (beyond the seats with a reason)"), permissions=["change"])
    def confirm(self, request, queryset):
        form = ReasonForm(request.POST)
        reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
        confirmed = apply_each(self, request, queryset.select_related("trainee", "session__course"),
                               lambda registration: services.registration_confirm(
                                   registration=registration, by=request.user, reason=reason))
        if confirmed:
            self.message_user(request, ngettext(
                "%(count)d registration confirmed.", "%(count)d registrations confirmed.", confirmed,
            ) % {"count": confirmed}, messages.SUCCESS)

    @admin.action(description=_("Cancel (the first person waiting moves up)"), permissions=["change"])
    def cancel(self, request, queryset):
        for registration in queryset.select_related("trainee", "session__course"):
            try:
                promoted = services.registration_cancel(registration=registration, by=request.user)
            except ValidationError as error:
                report_refusal(self, request, registration, error)
                continue
            if promoted is not None:
                self.message_user(request, _("%(cancelled)s is cancelled; %(promoted)s moves up from the waiting "
                                             "list and is confirmed.") % {
                    "cancelled": registration, "promoted": promoted.trainee.name}, messages.SUCCESS)
            else:
                self.message_user(request, _("%(cancelled)s is cancelled.") % {"cancelled": registration},
                                  messages.SUCCESS)

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
        return {**super().get_import_resource_kwargs(request, **kwargs), "session": session, "by": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # A row that turns bad between the preview and the import cancels the whole import.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}
