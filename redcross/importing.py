"""Spreadsheet import shared by the apps: Chinese column names, strict headers, every refusal in the staff's words.

An import is a door like any form: each record is stored through the owning app's service (`save_record`), and
a refused row says, in Chinese, what is wrong, in which column (its header), on which row as Excel numbers it (the
header is row 1, so the first record is row 2). The pieces:

- widgets whose `clean()` raises `CellError`, a ValueError whose message staff can act on (redcross.cells);
- `StrictResource`, which refuses a file with the wrong columns, ignores blank rows, turns every error reading a
  cell (a widget's, a failed lookup, an unreadable number) into a ValidationError keyed by the column's header,
  names the model's own complaints by column too, and numbers refused rows as Excel does.

A resource's own checks raise `ValidationError({column_name: message})` from `import_instance`; the row numbers
are made Excel's by the resource, whatever result class it uses.

An export writes people's texts as inert text, never as formulas (see redcross.spreadsheets).
"""

from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import resources, results, widgets

from . import spreadsheets
from .cells import READ_ERRORS, CellError, cell_refusal, cell_text


class SpreadsheetResult(results.Result):
    """Rows that failed with an unexpected error are listed under their own (Excel) row numbers too."""

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]


class StrictResource(resources.ModelResource):
    """An import that checks its header row first, reads cells in Chinese and stores records through a service."""

    @classmethod
    def get_result_class(cls):
        return SpreadsheetResult

    def before_import(self, dataset, **kwargs):
        headers = [cell_text(header) for header in (dataset.headers or [])]
        kept = [(number, row) for number, row in enumerate(dataset, start=2) if any(cell_text(cell) for cell in row)]
        dataset.wipe()
        dataset.headers = headers
        for _number, row in kept:
            dataset.append(row)
        self.excel_rows = [number for number, _row in kept]

        expected = [field.column_name for field in self.get_import_fields()]
        unknown = [header for header in headers if header and header not in expected]
        missing = [name for name in self.required_columns() if name not in headers]
        if unknown or missing:
            raise ValueError(
                _(
                    "The columns of this file do not match. Unknown columns: %(unknown)s. Missing columns: "
                    "%(missing)s. Expected columns: %(expected)s. Export a file first to get the right columns."
                )
                % {
                    "unknown": "、".join(unknown) or _("none"),
                    "missing": "、".join(missing) or _("none"),
                    "expected": "、".join(expected),
                }
            )
        super().before_import(dataset, **kwargs)

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self._meta.import_id_fields]

    def excel_row(self, number: int) -> int:
        """The row Excel shows for the `number`th record read (1 is the first record, below the header)."""
        rows = getattr(self, "excel_rows", [])
        return rows[number - 1] if 0 < number <= len(rows) else number + 1

    def import_data_inner(self, dataset, *args, **kwargs):
        result = super().import_data_inner(dataset, *args, **kwargs)
        for invalid in result.invalid_rows:
            invalid.number = self.excel_row(invalid.number)
        for failed in result.error_rows:
            failed.number = self.excel_row(failed.number)
            for error in failed.errors:
                error.number = failed.number
        return result

    def get_instance(self, instance_loader, row):
        """A row whose naming columns cannot be read names no stored record: reading it again refuses the cells."""
        for name in self.get_import_id_fields():
            try:
                self.fields[name].clean(row)
            except READ_ERRORS:
                return None
        try:
            return super().get_instance(instance_loader, row)
        except MultipleObjectsReturned:
            raise ValidationError(
                _("More than one stored %(model)s has the same %(columns)s as this row; tell them apart in the admin "
                  "first.")
                % {"model": self._meta.model._meta.verbose_name,
                   "columns": "、".join(self.fields[name].column_name for name in self.get_import_id_fields())}
            ) from None

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except READ_ERRORS as error:
            raise CellError(cell_refusal(field.widget, row.get(field.column_name), error)) from error

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        if result.validation_error is not None:
            result.validation_error = self.by_column(result.validation_error)
        return result

    def by_column(self, error: ValidationError) -> ValidationError:
        """The errors of a row keyed by the spreadsheet's column headers instead of the model's field names."""
        if not hasattr(error, "error_dict"):
            return error
        names = self.column_names()
        keyed: dict[str, list] = {}
        for key, errors in error.error_dict.items():
            keyed.setdefault(names.get(key, key), []).extend(errors)
        return ValidationError(keyed)

    def column_names(self) -> dict[str, str]:
        model = self._meta.model
        with override(settings.LANGUAGE_CODE):
            names = {field.name: str(field.verbose_name) for field in model._meta.get_fields()
                     if hasattr(field, "verbose_name")}
        for key, field in self.fields.items():
            names[key] = field.column_name
            if field.attribute:
                names[field.attribute] = field.column_name
        return names

    def export(self, queryset=None, **kwargs):
        return spreadsheets.InertDataset.of(super().export(queryset, **kwargs))

    def export_field(self, field, instance, **kwargs):
        """A cell of an export; in a text format such as CSV, a text a spreadsheet would run is made inert.

        A typed format (.xlsx) gets texts and numbers as they are: the dataset writes texts as text cells.
        """
        value = super().export_field(field, instance, **kwargs)
        if kwargs.get("force_native_type") or isinstance(field.widget, widgets.NumberWidget):
            return value
        return spreadsheets.csv_text(value)

    def do_instance_save(self, instance, is_create):
        self.save_record(instance)

    def save_record(self, instance) -> None:
        """Store one imported record as the app's form does: override to call the app's service."""
        instance.full_clean()
        instance.save()
