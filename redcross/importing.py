"""Spreadsheet import shared by the apps: Chinese column names, choices by their labels, strict headers."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import fields, resources, widgets


def column(attribute, label, widget=None) -> fields.Field:
    """A spreadsheet column named in Chinese whatever the language of the admin; text by default."""
    with override(settings.LANGUAGE_CODE):
        return fields.Field(
            attribute=attribute, column_name=str(label), widget=widget or widgets.CharWidget(allow_blank=True)
        )


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its label (志愿者岗前培训) in the spreadsheet and stored as its value."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        for choice_value, label in self.choices.choices:
            if text in (choice_value, str(label)):
                return choice_value
        options = "、".join(str(label) for label in self.choices.labels)
        raise ValueError(_("“%(value)s” is not one of: %(options)s.") % {"value": text, "options": options})

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class StrictResource(resources.ModelResource):
    """Refuses a file whose header row is not the one this import expects, before reading any row."""

    def before_import(self, dataset, **kwargs):
        expected = [field.column_name for field in self.get_import_fields()]
        headers = [str(header or "").strip() for header in (dataset.headers or [])]
        unknown = [header for header in headers if header not in expected]
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
