"""Red Cross positions: the kinds, each kind's standard by year, and the assessments of sites against them."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from redcross.admin_support import error_text, inline_changes

from .. import services
from ..models import Assessment, AssessmentEvidence, AssessmentItem, PositionKind, PositionStandard, StandardItem
from .base import ServiceAdmin


@admin.register(PositionKind)
class PositionKindAdmin(ServiceAdmin):
    list_display = ("name", "order", "measure_word", "receives_groups", "needs_consent", "published")
    list_editable = ("order",)
    search_fields = ("name",)


class StandardItemInline(admin.TabularInline):
    model = StandardItem
    fields = ("order", "text", "evidence")
    extra = 0


@admin.register(PositionStandard)
class PositionStandardAdmin(ServiceAdmin):
    list_display = ("title", "kind", "year", "issued_by")
    list_filter = ("kind", "year")
    list_select_related = ("kind",)
    search_fields = ("title", "issued_by", "items__text")
    inlines = [StandardItemInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Copy to next year"))
    def copy_to_next_year(self, request, queryset):
        copied = 0
        for standard in queryset.select_related("kind"):
            try:
                services.standard_copy(standard=standard, year=standard.year + 1, by=request.user)
            except ValidationError as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                copied += 1
        if copied:
            self.message_user(request, ngettext(
                "%(count)d standard copied to the next year.", "%(count)d standards copied to the next year.", copied,
            ) % {"count": copied}, messages.SUCCESS)


class AssessmentItemInline(admin.TabularInline):
    """The standard's items, which the assessment service lists; staff tick what was met."""

    model = AssessmentItem
    fields = ("item", "met", "note")
    readonly_fields = ("item",)
    extra = 0
    max_num = 0
    can_delete = False


class AssessmentEvidenceInline(admin.TabularInline):
    model = AssessmentEvidence
    fields = ("file", "caption")
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(ServiceAdmin, SimpleHistoryAdmin):
    list_display = ("site", "standard", "assessed_on", "result", "created_by")
    list_filter = ("result", "site__position_kind", "standard__year")
    list_select_related = ("site", "standard__kind", "created_by")
    search_fields = ("site__name", "assessors", "notes")
    autocomplete_fields = ("site",)
    date_hierarchy = "assessed_on"
    fields = ("site", "standard", "assessed_on", "assessors", "result", "notes")
    inlines = [AssessmentItemInline, AssessmentEvidenceInline]

    def save_model(self, request, obj, form, change):
        """Stored with its items in save_related, by the one service that checks them together."""

    def save_related(self, request, form, formsets, change):
        items, evidence = {}, []
        for formset in formsets:
            if formset.model is AssessmentItem:
                stored, _removed = inline_changes(formset)
                items = {row.item_id: (row.met, row.note) for row in stored}
            else:
                evidence.append(formset)
        services.assessment_save(assessment=form.instance, items=items, by=request.user)
        for formset in evidence:
            self.save_formset(request, form, formset, change)
