"""Donations and their uses: the finance office records each gift and what it was used for; project staff and
leadership read them.

Every save goes through the services (donation_save, allocations_save, donation_delete). A refusal is shown on the
page with what was typed: next to the donation's field, or above its uses (more than what remains, a use the
donor's direction does not allow). The donor's phone is masked on the list, and on the page for staff who only
read; the address is shown only to those who may change the donation.

The finance office's monthly spreadsheet imports here (projects.donation_resources): previewed row by row, each row
stored through donation_save, nothing stored when a row is refused, even one that turns bad after the preview. Only
those who may add and change donations import (the finance office and superusers); those who read them export,
without the donor's contact or the staff's note.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import XLSX

from redcross.admin_support import LifeCycleHistoryAdmin, LocalDateExport, inline_changes, masked_history
from redcross.formats import yuan
from redcross.masking import mask_phone

from .. import services
from ..donation_resources import DonationResource
from ..models import Allocation, Donation
from ..services.donations import quantity_text
from .base import carrying
from .donation_certificates import download_certificate

MaskedPhoneHistory = masked_history({"phone": mask_phone})
GIFT = ("receipt_number", "receipt_issued", "received_on", "kind", "channel")
MONEY = ("amount",)
GOODS = ("goods", ("quantity", "unit"), "estimated_value")
DONOR = ("donor_kind", "donor_name", "anonymous", "publish_name", "consent_on")
DIRECTION = ("direction", "project", "site", "purpose")


class _Refused(Exception):  # noqa: N818 - carried past RefusalsAsMessages, which would turn it into a message
    """A service's refusal met while saving, and where on the page to show it."""

    def __init__(self, where: str, error: ValidationError):
        super().__init__(where)
        self.where, self.error = where, error


class YearFilter(admin.SimpleListFilter):
    title = _("year received")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Donation.objects.dates("received_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(received_on__year=int(self.value()))
        return queryset


class AllocationFormSet(forms.BaseInlineFormSet):
    """Shows above the uses the refusal the service gave when the page was saved."""

    refusal: ValidationError | None = None

    def clean(self):
        super().clean()
        if self.refusal is not None:
            raise self.refusal


class AllocationInline(admin.TabularInline):
    model = Allocation
    formset = AllocationFormSet
    fields = ("allocated_on", "amount", "quantity", "value", "target", "project", "description", "people_helped",
              "note")
    readonly_fields = ("value",)
    autocomplete_fields = ("project",)
    extra = 0
    verbose_name_plural = _("uses of this donation")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        refusal = getattr(request, "allocation_refusal", None)
        if refusal is None:
            return formset
        return type("RefusedAllocationFormSet", (formset,), {"refusal": refusal})


@admin.register(Donation)
class DonationAdmin(LocalDateExport, ImportExportModelAdmin, LifeCycleHistoryAdmin):
    """History to read, never to revert: the donation and its uses change together, through the services."""

    resource_classes = [DonationResource]
    formats = [XLSX]

    list_display = ("received_on", "receipt_number", "donor_shown", "kind", "value_shown", "allocated_shown",
                    "remaining_shown", "direction", "phone_shown")
    list_filter = ("kind", "direction", YearFilter, "donor_kind", "channel")
    search_fields = ("receipt_number", "donor_name")
    ordering = ("-received_on", "-pk")
    autocomplete_fields = ("project", "site")
    inlines = [AllocationInline]
    actions = [download_certificate]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "by": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # A row that turns bad between the preview and the import cancels the whole import.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def may_see_contact(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        contact = ("phone", "address") if self.may_see_contact(request, obj) else ("phone_shown",)
        fieldsets = [
            (None, {"fields": GIFT}),
            (_("Money"), {"fields": MONEY}),
            (pgettext_lazy("donation", "Goods"), {"fields": GOODS}),
            (_("Donor"), {"fields": DONOR}),
            (_("Contact, for staff only"), {"fields": contact}),
            (_("What the donor asked it to be used for"), {"fields": DIRECTION}),
            (None, {"fields": ("note",)}),
        ]
        if obj is not None:
            fieldsets.append((pgettext_lazy("donation", "Use"), {"fields": ("use_shown", "recorded_by", "created_at")}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return ("phone_shown", "use_shown", "recorded_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).with_use()

    def get_historical_record_context_helper(self, request, historical_record):
        if self.may_see_contact(request):
            return super().get_historical_record_context_helper(request, historical_record)
        return MaskedPhoneHistory(self.model, historical_record)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return carrying(super().get_form(request, obj, change, **kwargs), getattr(request, "donation_refusal", None))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refusal met while saving undoes the whole save; the page is built again from the same POST, with the
        refusal where it belongs."""
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            setattr(request, refused.where, refused.error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            services.donation_save(donation=obj, by=request.user)
        except ValidationError as error:
            raise _Refused("donation_refusal", error) from error

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        for formset in formsets:
            stored, removed = inline_changes(formset)
            if not stored and not removed:
                continue
            try:
                services.allocations_save(donation=form.instance, allocations=stored, removed=removed,
                                          by=request.user)
            except ValidationError as error:
                raise _Refused("allocation_refusal", error) from error

    def delete_model(self, request, obj):
        services.donation_delete(donation=obj)

    def delete_queryset(self, request, queryset):
        for donation in queryset:
            services.donation_delete(donation=donation)

    @admin.display(description=_("donor"), ordering="donor_name")
    def donor_shown(self, donation):
        """The name as staff know it, marked when the gift was anonymous."""
        if not donation.anonymous:
            return donation.donor_name
        if donation.donor_name:
            return _("%(name)s (anonymous gift)") % {"name": donation.donor_name}
        return _("anonymous gift")

    @admin.display(description=_("amount or value"), ordering="value")
    def value_shown(self, donation):
        if donation.kind == Donation.Kind.MONEY:
            return yuan(donation.value)
        return _("%(value)s (%(quantity)s %(goods)s)") % {
            "value": yuan(donation.value), "quantity": quantity_text(donation.quantity, donation.unit),
            "goods": donation.goods}

    def _part(self, donation, quantity, value) -> str:
        if donation.kind == Donation.Kind.MONEY:
            return yuan(value)
        return _("%(quantity)s · %(value)s") % {"quantity": quantity_text(quantity, donation.unit),
                                                 "value": yuan(value)}

    @admin.display(description=pgettext_lazy("donation", "used"), ordering="allocated_value")
    def allocated_shown(self, donation):
        return self._part(donation, donation.allocated, donation.allocated_value)

    @admin.display(description=pgettext_lazy("donation", "remaining"), ordering="remaining_value")
    def remaining_shown(self, donation):
        return self._part(donation, donation.remaining, donation.remaining_value)

    @admin.display(description=_("recorded by"))
    def recorded_by(self, donation):
        """The name alone: a link to the staff account would answer 403 to all but the superusers."""
        user = donation.created_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description=_("phone"))
    def phone_shown(self, donation):
        return mask_phone(donation.phone) if donation.phone else "—"

    @admin.display(description=_("received, used and remaining"))
    def use_shown(self, donation):
        if donation.pk is None or not hasattr(donation, "value"):
            return "—"
        return _("received %(value)s · used %(used)s · remaining %(left)s") % {
            "value": self.value_shown(donation), "used": self.allocated_shown(donation),
            "left": self.remaining_shown(donation)}
