from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from redcross.formats import subquery_sum, yuan

from .models import (
    Activity,
    Attachment,
    Facility,
    FacilityKind,
    FundingLine,
    Photo,
    Project,
    ProjectTransition,
    Site,
    SpendingLine,
)
from .resources import ActivityResource, FacilityResource, SiteResource
from .services import overspending_message, project_transition, spending_refused

Status = Project.Status


class SpreadsheetAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Admin with change history and Excel import (previewed row by row) and export."""

    formats = [XLSX]


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ("image", "caption", "order")
    extra = 0


class SitePhotoInline(PhotoInline):
    fk_name = "site"


class FacilityPhotoInline(PhotoInline):
    fk_name = "facility"


class ActivityPhotoInline(PhotoInline):
    fk_name = "activity"


class FacilityInline(admin.TabularInline):
    model = Facility
    fields = ("kind", "name", "opened_on", "area", "opening_hours", "in_service")
    extra = 0
    show_change_link = True


@admin.register(Site)
class SiteAdmin(SpreadsheetAdmin):
    resource_classes = [SiteResource]
    list_display = ("name", "kind", "status", "town", "facility_count", "published")
    list_filter = ("status", "kind", "published", "town")
    search_fields = ("name", "community", "town", "address", "partners")
    list_editable = ("published",)
    inlines = [FacilityInline, SitePhotoInline]
    fieldsets = (
        (None, {"fields": ("name", "kind", "status", "published")}),
        (_("Where"), {"fields": ("community", "town", "address", ("latitude", "longitude"))}),
        (_("About"), {"fields": ("partners", "description", "cover")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(facility_count=Count("facilities"))

    @admin.display(description=_("facilities"), ordering="facility_count")
    def facility_count(self, site):
        return site.facility_count


@admin.register(FacilityKind)
class FacilityKindAdmin(SimpleHistoryAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(Facility)
class FacilityAdmin(SpreadsheetAdmin):
    resource_classes = [FacilityResource]
    list_display = ("name", "site", "kind", "opened_on", "area", "in_service")
    list_filter = ("kind", "in_service", "site")
    list_select_related = ("site", "kind")
    search_fields = ("name", "site__name")
    autocomplete_fields = ("site",)
    date_hierarchy = "opened_on"
    inlines = [FacilityPhotoInline]


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    fields = ("source", "amount", "received_on", "note")
    extra = 0


class SpendingFormSet(forms.BaseInlineFormSet):
    """Refuses spending beyond the money received (counting this page's funding lines) unless a line confirms it."""

    funding_formset = None

    def clean(self):
        super().clean()
        if any(self.errors) or self.funding_formset is None or not self.funding_formset.is_valid():
            return
        received = sum(
            (form.cleaned_data["amount"] for form in self.funding_formset.forms
             if form.cleaned_data and not form.cleaned_data.get("DELETE")), start=0,
        )
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        spent = sum((form.cleaned_data["amount"] for form in kept), start=0)
        changed = [form for form in kept if form.has_changed()]
        confirmed = any(form.cleaned_data.get("confirmed_over_received") for form in changed)
        if changed and spending_refused(received=received, spent=spent, confirmed=confirmed):
            raise ValidationError(overspending_message(received, spent))


class SpendingLineInline(admin.TabularInline):
    model = SpendingLine
    formset = SpendingFormSet
    fields = ("source", "amount", "purpose", "spent_on", "confirmed_over_received")
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("kind", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)
    extra = 0


class TransitionInline(admin.TabularInline):
    model = ProjectTransition
    fields = ("on", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionActionForm(admin.helpers.ActionForm):
    on = forms.DateField(label=_("date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                         help_text=_("Date of the status change (today when empty)."))
    note = forms.CharField(label=_("note"), required=False, max_length=200)


def transition_action(to: str, description):
    def action(modeladmin, request, queryset):
        form = TransitionActionForm(request.POST)
        form.is_valid()
        on, note = form.cleaned_data.get("on"), form.cleaned_data.get("note", "")
        moved = 0
        for project in queryset:
            try:
                project_transition(project=project, to=to, by=request.user, on=on, note=note)
                moved += 1
            except ValidationError as error:
                modeladmin.message_user(request, f"{project}: {' '.join(error.messages)}", messages.ERROR)
        if moved:
            modeladmin.message_user(
                request,
                ngettext("%(count)d project is now “%(status)s”.", "%(count)d projects are now “%(status)s”.", moved)
                % {"count": moved, "status": Status(to).label},
                messages.SUCCESS,
            )

    action.__name__ = f"mark_{to}"
    action.allowed_permissions = ("change",)
    action.short_description = description
    return action


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "year", "funding", "status", "budget_shown", "received_shown", "spent_shown",
                    "published")
    list_filter = ("status", "kind", "year", "funding", "published", "sites")
    search_fields = ("title", "description", "sites__name")
    autocomplete_fields = ("sites",)
    filter_horizontal = ("facilities",)
    readonly_fields = ("status", "money_shown")
    inlines = [FundingLineInline, SpendingLineInline, AttachmentInline, TransitionInline]
    action_form = TransitionActionForm
    actions = [
        transition_action(Status.APPLIED, _("Record the upward application")),
        transition_action(Status.APPROVED, _("Approve")),
        transition_action(Status.REJECTED, _("Record as not approved")),
        transition_action(Status.IMPLEMENTING, _("Start implementing")),
        transition_action(Status.COMPLETED, _("Complete and accept")),
        transition_action(Status.DRAFT, _("Put back in preparation")),
    ]
    fieldsets = (
        (None, {"fields": ("title", "kind", "year", "funding", "status", "published")}),
        (_("Where and what"), {"fields": ("sites", "facilities", "description")}),
        (_("Money"), {"fields": ("budget", "money_shown")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            received=subquery_sum(FundingLine.objects), spent=subquery_sum(SpendingLine.objects)
        )

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        funding = next((f for f in formsets if f.model is FundingLine), None)
        for formset in formsets:
            if isinstance(formset, SpendingFormSet):
                formset.funding_formset = funding
        return formsets, inline_instances

    @admin.display(description=_("budget"), ordering="budget")
    def budget_shown(self, project):
        return yuan(project.budget)

    @admin.display(description=_("received"), ordering="received")
    def received_shown(self, project):
        return yuan(project.received)

    @admin.display(description=_("spent"), ordering="spent")
    def spent_shown(self, project):
        return yuan(project.spent)

    @admin.display(description=_("budget, received and spent"))
    def money_shown(self, project):
        if project.pk is None:
            return "—"
        return _("budget %(budget)s · received %(received)s · spent %(spent)s") % {
            "budget": yuan(project.budget), "received": yuan(project.received), "spent": yuan(project.spent),
        }


@admin.register(Activity)
class ActivityAdmin(SpreadsheetAdmin):
    resource_classes = [ActivityResource]
    list_display = ("title", "kind", "date", "site", "participants", "volunteers", "volunteer_hours",
                    "beneficiaries", "published")
    list_filter = ("kind", "published", "site")
    list_select_related = ("site",)
    search_fields = ("title", "description", "site__name")
    autocomplete_fields = ("site",)
    date_hierarchy = "date"
    inlines = [ActivityPhotoInline]
