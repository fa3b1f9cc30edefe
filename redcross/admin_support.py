"""What every app's admin shares: file downloads, service errors shown to staff, masked and safe history.

The admin is a client of the services: it shows their refusals (a ValidationError) as a message or next to a
form's field, and never writes a rule of its own.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import smart_split, unescape_string_literal
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .refusals import add_errors  # noqa: F401 - the admin modules take it from here

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
CSV_TYPE = "text/csv"
ISO_DATE = "%Y-%m-%d"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download, named for the browser whatever the characters of its name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)


def error_text(error: ValidationError) -> str:
    """A service's refusal as one line of text for the admin's messages."""
    return " ".join(error.messages)


def report_refusal(modeladmin, request, obj, error: ValidationError) -> None:
    """One record a bulk action could not change, with the service's reason, as an error message."""
    modeladmin.message_user(request, f"{obj}: {error_text(error)}", messages.ERROR)


def apply_each(modeladmin, request, records, step) -> int:
    """Run a service's `step(record)` on each record; report each refusal with its reason; return how many passed."""
    done = 0
    for record in records:
        try:
            step(record)
        except ValidationError as error:
            report_refusal(modeladmin, request, record, error)
        else:
            done += 1
    return done


class RecordOnlyAdmin(admin.ModelAdmin):
    """A log the services write (what was sent, who saw what): listed and opened, never added, changed or removed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows a service wrote (transitions, registrations seen from elsewhere): shown, never typed or removed."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


def masked_history(masks: dict[str, Callable[[str], str]]) -> type[HistoricalRecordContextHelper]:
    """A history helper that shows the named fields' old and new values masked (phone numbers, ID numbers)."""

    class MaskedHistory(HistoricalRecordContextHelper):
        def prepare_delta_change_value(self, change, value):
            if change.field in masks:
                return masks[change.field](value or "")
            return super().prepare_delta_change_value(change, value)

    return MaskedHistory


class RefusalsAsMessages:
    """For an admin whose `save_model` and `save_formset` call services.

    Its forms ask the services' rules before saving, so a refusal normally shows next to its field. One that
    comes only when saving (someone changed a record in between) undoes the whole save and is shown as a
    message, never as an error page.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self.refusal_as_message(request, super().changeform_view, request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # `list_editable` saves rows from the list, and "delete selected" removes them.
        return self.refusal_as_message(request, super().changelist_view, request, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self.refusal_as_message(request, super().delete_view, request, object_id, extra_context)

    def refusal_as_message(self, request, view, *args):
        if request.method != "POST":
            return view(*args)
        try:
            with transaction.atomic():
                return view(*args)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return redirect(request.get_full_path())


class LifeCycleHistoryAdmin(RefusalsAsMessages, SimpleHistoryAdmin):
    """History to read, never to revert: a record whose state a life cycle owns changes only through services."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A past version is shown read-only: a POST would save it back around the services.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def inline_changes(formset) -> tuple[list, list]:
    """What a valid inline asks to store, for a service to write: (records added or changed, records removed).

    The records are the forms' own instances, tied to the page's record; nothing is written. The admin's change
    message reads the formset's new, changed and deleted objects, which its own save() would have set.
    """
    removed = [form.instance for form in formset.deleted_forms if form.instance.pk is not None]
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], removed
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        setattr(form.instance, formset.fk.name, formset.instance)
        if form.instance.pk is None:
            formset.new_objects.append(form.instance)
        else:
            formset.changed_objects.append((form.instance, form.changed_data))
    return [*formset.new_objects, *(obj for obj, _fields in formset.changed_objects)], removed


def search_lookup(field: str) -> str:
    """A `search_fields` entry (`=mobile`, `^name`, `@text`, `name`) as the ORM lookup the admin makes of it."""
    prefixes = {"=": "iexact", "^": "istartswith", "@": "search"}
    if field[:1] in prefixes:
        return f"{field[1:]}__{prefixes[field[0]]}"
    return f"{field}__icontains"


class PersonalDataSearch:
    """Search by whole personal numbers (resident ID, mobile) only for staff allowed to find people by them.

    `personal_search_fields` join `search_fields` when `may_search_personal_data(request)`; the list's search
    box and the autocomplete of every form pointing here both search through `get_search_results`. The rows a
    permitted search found by those numbers go to `personal_data_found`, for the owning app to log. Filtering by
    those fields in the address (`?mobile=…`) is refused to everyone: the search box is the one way in.
    """

    personal_search_fields: tuple[str, ...] = ()

    def may_search_personal_data(self, request) -> bool:
        return False

    def personal_data_found(self, request, rows) -> None:
        """Called with the rows a permitted search found by a whole personal number."""

    def get_search_fields(self, request):
        fields = tuple(super().get_search_fields(request))
        if self.may_search_personal_data(request):
            fields += self.personal_search_fields
        return fields

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term and self.personal_search_fields and self.may_search_personal_data(request):
            by_number = Q()
            for bit in smart_split(search_term):
                if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                    bit = unescape_string_literal(bit)
                for field in self.personal_search_fields:
                    by_number |= Q(**{search_lookup(field): bit})
            found = results.filter(by_number)
            if found.exists():
                self.personal_data_found(request, found)
        return results, may_have_duplicates

    def lookup_allowed(self, lookup, value, request=None):
        personal = {search_lookup(field).rsplit(LOOKUP_SEP, 1)[0] for field in self.personal_search_fields}
        if any(lookup == field or lookup.startswith(field + LOOKUP_SEP) for field in personal):
            return False
        return super().lookup_allowed(lookup, value, request)


class LocalDateExport:
    """Exports named for the day in Asia/Shanghai: django-import-export names them for the day in UTC, so an export
    made at 00:30 would carry the day before."""

    def get_export_filename(self, request, queryset, file_format):
        return f"{self.model.__name__}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"
