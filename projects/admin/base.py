"""What every admin of the projects app shares: records stored through the services, history, spreadsheets."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import XLSX
from simple_history.admin import SimpleHistoryAdmin

from redcross.admin_support import LocalDateExport, RefusalsAsMessages, add_errors, inline_changes

from .. import services
from ..models import (
    Activity,
    AssessmentEvidence,
    Attachment,
    Facility,
    FacilityKind,
    Photo,
    PositionKind,
    PositionStandard,
    Project,
    Site,
    StandardItem,
)

# The service that stores each kind of record, whichever page or inline it is edited on.
STORE = {
    Site: lambda site: services.site_save(site=site),
    FacilityKind: lambda kind: services.facility_kind_save(kind=kind),
    Facility: lambda facility: services.facility_save(facility=facility),
    Activity: lambda activity: services.activity_save(activity=activity),
    Photo: lambda photo: services.photo_save(photo=photo),
    Attachment: lambda attachment: services.attachment_save(attachment=attachment),
    Project: lambda project: services.project_save(project=project),
    PositionKind: lambda kind: services.position_kind_save(kind=kind),
    PositionStandard: lambda standard: services.standard_save(standard=standard),
    StandardItem: lambda item: services.standard_item_save(item=item),
    AssessmentEvidence: lambda evidence: services.evidence_save(evidence=evidence),
}
REMOVE = {
    Facility: lambda facility: services.facility_delete(facility=facility),
    Photo: lambda photo: services.photo_delete(photo=photo),
    Attachment: lambda attachment: services.attachment_delete(attachment=attachment),
    Project: lambda project: services.project_delete(project=project),
    StandardItem: lambda item: services.standard_item_delete(item=item),
    AssessmentEvidence: lambda evidence: services.evidence_delete(evidence=evidence),
}


class ServiceAdmin(RefusalsAsMessages, admin.ModelAdmin):
    """Forms and inlines store their records through the services, never with a save of their own; a refusal
    that comes only when saving is shown as a message."""

    def save_model(self, request, obj, form, change):
        STORE[type(obj)](obj)

    def delete_model(self, request, obj):
        if type(obj) in REMOVE:
            REMOVE[type(obj)](obj)
        else:
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        stored, removed = inline_changes(formset)
        for obj in stored:
            STORE[type(obj)](obj)
        for obj in removed:
            REMOVE[type(obj)](obj)


class SpreadsheetAdmin(LocalDateExport, ImportExportModelAdmin, ServiceAdmin, SimpleHistoryAdmin):
    """Admin with change history and Excel import (previewed row by row) and export."""

    formats = [XLSX]


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ("image", "caption", "order")
    extra = 0


class RefusalsOnTheForm(admin.ModelAdmin):
    """For an admin without inlines whose `save_model` is one service call that may refuse only under its lock
    (places a request took a moment ago): the refusal is shown on the form, next to its field, with what was typed.

    The refused save is undone and the page is built again from the same POST, whose form now carries the refusal.
    Under `RefusalsAsMessages` in the class order (which then only sees errors from elsewhere).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            request.service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return carrying(super().get_form(request, obj, change, **kwargs), getattr(request, "service_refusal", None))


def carrying(form_class, refusal):
    """The admin's form class, made to show `refusal` (a service's ValidationError, or None) on validation."""
    if refusal is None:
        return form_class

    class Refused(form_class):
        def clean(self):
            cleaned = super().clean()
            add_errors(self, refusal)
            return cleaned

    return Refused
