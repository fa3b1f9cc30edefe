"""Bases with their equipment and money, courses, instructors and group visits."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from redcross.admin_support import RefusalsAsMessages, add_errors, inline_changes
from redcross.masking import mask_phone

from .. import services
from ..models import AGREEMENT_WARNING_DAYS, Base, BaseFunding, Course, Equipment, Instructor, Visit


class CatalogueAdmin(RefusalsAsMessages, SimpleHistoryAdmin):
    """Records and their inline rows saved through the service, with who changed them."""

    def save_model(self, request, obj, form, change):
        services.catalogue_save(record=obj, by=request.user)

    def delete_model(self, request, obj):
        services.catalogue_delete(record=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            services.catalogue_delete(record=record, by=request.user)

    def save_formset(self, request, form, formset, change):
        records, removed = inline_changes(formset)
        for record in removed:
            services.catalogue_delete(record=record, by=request.user)
        for record in records:
            services.catalogue_save(record=record, by=request.user)


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
class BaseAdmin(CatalogueAdmin):
    list_display = ("name", "position", "host", "seats", "standardised", "agreement_end", "agreement_ends_soon",
                    "red_cross_position", "published")
    list_filter = (AgreementFilter, "position", "standardised", "published")
    list_select_related = ("red_cross_position",)
    search_fields = ("name", "host", "address", "manager")
    inlines = [EquipmentInline, BaseFundingInline]
    fieldsets = (
        (None, {"fields": ("name", "position", "host", "published", "red_cross_position")}),
        (_("Where"), {"fields": ("address", "town", "directions", ("latitude", "longitude"), "rooms", "seats", "cover",
                                 "opening_notes")}),
        (_("Standard and management"), {"fields": (
            ("standardised", "standardised_since", "standardised_until"), "manager", "contact_phone",
            ("opened_on", "closed_on"),
        )}),
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
class CourseAdmin(CatalogueAdmin):
    list_display = ("name", "kind", "hours", "certifies", "validity_years")
    list_filter = ("kind", "certifies")
    search_fields = ("name",)


@admin.register(Instructor)
class InstructorAdmin(CatalogueAdmin):
    list_display = ("name", "qualification", "qualification_expires", "phone_shown", "active")
    list_filter = ("active",)
    search_fields = ("name", "qualification")

    @admin.display(description=_("phone"))
    def phone_shown(self, instructor):
        return mask_phone(instructor.phone)


class VisitForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("base") is not None:
            try:
                services.visit_check(visit=Visit(base=cleaned["base"]))
            except ValidationError as error:
                add_errors(self, error)
        return cleaned


@admin.register(Visit)
class VisitAdmin(CatalogueAdmin):
    """Visits to bases; a base linked to a Red Cross position books its group visits there instead."""

    form = VisitForm
    list_display = ("date", "base", "organisation", "headcount", "activities")
    list_filter = ("base",)
    list_select_related = ("base",)
    search_fields = ("organisation", "activities", "base__name")
    autocomplete_fields = ("base",)
    date_hierarchy = "date"
