"""Projects: their money received and spent, their attachments, and their life cycle moved by actions."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from redcross.admin_support import LifeCycleHistoryAdmin, ReadOnlyInline, apply_each, date_input, inline_changes
from redcross.formats import subquery_sum, yuan

from .. import services
from ..models import Attachment, FundingLine, Project, ProjectTransition, SpendingLine
from .base import ServiceAdmin

Status = Project.Status


class FundingLineInline(admin.TabularInline):
    """The lines staff type. Lines made by a donation's uses are shown apart and changed only on the donation."""

    model = FundingLine
    fields = ("source", "amount", "received_on", "note")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).filter(allocation__isnull=True)


class DonatedLines(forms.BaseInlineFormSet):
    """Read only: kept apart from the lines staff type when the page is saved."""


class DonatedLineInline(ReadOnlyInline):
    model = FundingLine
    formset = DonatedLines
    verbose_name = _("money from a donation")
    verbose_name_plural = _("money from donations (changed on the donation's page)")
    fields = ("amount", "received_on", "donation_shown")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(allocation__isnull=False).select_related("allocation__donation")

    @admin.display(description=_("donation"))
    def donation_shown(self, line):
        donation = line.allocation.donation
        url = reverse("admin:projects_donation_change", args=[donation.pk])
        return format_html('<a href="{}">{}</a>', url, donation.receipt_number)


def stored_lines(formset) -> list:
    """The lines a valid money inline adds or changes."""
    deleted = formset.deleted_forms
    return [form.instance for form in formset.forms if form.has_changed() and form not in deleted]


def removed_lines(formset) -> list:
    return [form.instance for form in formset.deleted_forms if form.instance.pk is not None]


class SpendingFormSet(forms.BaseInlineFormSet):
    """Asks the service whether the page's money, funding and spending together, may be stored as it stands."""

    funding_formset = None

    def clean(self):
        super().clean()
        funding = self.funding_formset
        if any(self.errors) or funding is None or not funding.is_valid():
            return
        services.project_money_check(
            project=self.instance, fundings=stored_lines(funding), removed_fundings=removed_lines(funding),
            spendings=stored_lines(self), removed_spendings=removed_lines(self),
        )


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


class TransitionInline(ReadOnlyInline):
    model = ProjectTransition
    fields = ("on", "from_status", "to_status", "by", "note")


class TransitionActionForm(admin.helpers.ActionForm):
    on = forms.DateField(label=_("date"), required=False, widget=date_input(),
                         help_text=_("Date of the status change (today when empty)."))
    note = forms.CharField(label=_("note"), required=False, max_length=200)


def transition_action(to: str, description):
    def action(modeladmin, request, queryset):
        form = TransitionActionForm(request.POST)
        form.is_valid()
        on, note = form.cleaned_data.get("on"), form.cleaned_data.get("note", "")
        moved = apply_each(modeladmin, request, queryset, lambda project: services.project_transition(
            project=project, to=to, by=request.user, on=on, note=note))
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
class ProjectAdmin(LifeCycleHistoryAdmin, ServiceAdmin):
    """Status changes only by the actions (project_transition); history can be read but never reverted."""

    list_display = ("title", "kind", "year", "funding", "status", "budget_shown", "received_shown", "spent_shown",
                    "published")
    list_filter = ("status", "kind", "year", "funding", "published", "sites")
    search_fields = ("title", "description", "sites__name")
    autocomplete_fields = ("sites",)
    filter_horizontal = ("facilities",)
    readonly_fields = ("status", "money_shown")
    inlines = [FundingLineInline, DonatedLineInline, SpendingLineInline, AttachmentInline, TransitionInline]
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

    def save_related(self, request, form, formsets, change):
        """The page's money lines are stored together, by one service applying the overspending rule once."""
        form.save_m2m()
        money = {FundingLine: ([], []), SpendingLine: ([], [])}
        for formset in formsets:
            if isinstance(formset, DonatedLines):  # read only: a donation's uses change these lines
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
                continue
            if formset.model in money:
                money[formset.model] = inline_changes(formset)
            else:
                self.save_formset(request, form, formset, change)
        (fundings, removed_fundings), (spendings, removed_spendings) = money[FundingLine], money[SpendingLine]
        services.project_money_save(
            project=form.instance, fundings=fundings, removed_fundings=removed_fundings, spendings=spendings,
            removed_spendings=removed_spendings,
        )

    def _create_formsets(self, request, obj, change):
        # The spending inline's check needs the funding lines of the same page.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        funding = next((f for f in formsets if f.model is FundingLine and not isinstance(f, DonatedLines)), None)
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
