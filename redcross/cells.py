"""Reading a spreadsheet's cells in the staff's words: columns named in Chinese, and widgets whose refusals say
what is wrong with a cell (`CellError`), never a Python message. Used by the imports (redcross.importing)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import fields, widgets

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
YES = ("是", "1", "true", "yes", "y", "√", "✓")
NO = ("否", "0", "false", "no", "n", "")
# What reading a cell may raise besides our own CellError: a library widget's ValueError, a failed lookup, an
# unreadable decimal (decimal.ConversionSyntax is an ArithmeticError, not a ValueError).
READ_ERRORS = (ValueError, ArithmeticError, ObjectDoesNotExist, MultipleObjectsReturned)


class CellError(ValueError):
    """A cell that cannot be read, with a message for staff saying what to write instead."""


def cell_text(value) -> str:
    return str(value if value is not None else "").strip()


def column(attribute, label, widget=None) -> fields.Field:
    """A spreadsheet column named in Chinese whatever the language of the admin; trimmed text by default."""
    with override(settings.LANGUAGE_CODE):
        return fields.Field(attribute=attribute, column_name=str(label), widget=widget or TextWidget())


class TextWidget(widgets.CharWidget):
    """Text without the spaces around it; an empty cell is an empty text."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip()


class DayWidget(widgets.DateWidget):
    """A date cell, or a date written 2025-07-01, 2025/7/1, 2025.7.1, 2025年7月1日 or 20250701."""

    def __init__(self, required: bool = False, **kwargs):
        self.required = required
        super().__init__(format="%Y-%m-%d", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        if not text:
            if self.required:
                raise CellError(_("A date is required."))
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise CellError(_("“%(value)s” is not a date; write it as 2025-07-01.") % {"value": text})


class NumberWidget(widgets.DecimalWidget):
    """A number such as 1200, 60.5 or 1,200.50; an empty cell is no number."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise CellError(_("“%(value)s” is not a number; write it as 1200 or 60.5.") % {"value": value})
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(str(value))
        text = cell_text(value).replace(",", "").replace("，", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise CellError(_("“%(value)s” is not a number; write it as 1200 or 60.5.") % {"value": cell_text(value)})
        return number


class CountWidget(widgets.IntegerWidget):
    """A whole number not below zero; 1,234 reads as 1234. An empty cell counts as `empty`, or is refused."""

    def __init__(self, empty: int | None = None, required: bool = False, **kwargs):
        self.empty = empty
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if cell_text(value) == "":
            if self.required:
                raise CellError(_("A number is required."))
            return self.empty
        if isinstance(value, bool):
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            text = cell_text(value).replace(",", "").replace("，", "")
            if not text.lstrip("-").isdigit():
                raise CellError(_("“%(value)s” is not a whole number.") % {"value": cell_text(value)})
            number = int(text)
        if number < 0:
            raise CellError(_("“%(value)s” is below zero.") % {"value": value})
        return number

    def render(self, value, obj=None, **kwargs):
        return value if kwargs.get("force_native_type") else ("" if value is None else str(value))


class YesNoWidget(widgets.BooleanWidget):
    """是 or 否 (1 or 0, true or false); an empty cell is 否."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = cell_text(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(_("“%(value)s” is neither 是 nor 否.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its label (志愿者岗前培训) in the spreadsheet and stored as its value."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        for choice_value, label in self.choices.choices:
            if text in (choice_value, str(label)):
                return choice_value
        options = "、".join(str(label) for label in self.choices.labels)
        raise CellError(_("“%(value)s” is not one of: %(options)s.") % {"value": text, "options": options})

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class NamedWidget(widgets.ForeignKeyWidget):
    """A related record written by its name (the site 东湖社区); an empty cell is no record."""

    def __init__(self, model, field: str = "name", **kwargs):
        super().__init__(model, field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = cell_text(value)
        if not name:
            return None
        try:
            return super().clean(name, row, **kwargs)
        except ObjectDoesNotExist:
            raise CellError(no_such_name(self.model, name)) from None
        except MultipleObjectsReturned:
            raise CellError(
                _("More than one %(model)s is named “%(name)s”.")
                % {"model": self.model._meta.verbose_name, "name": name}
            ) from None


def no_such_name(model, name: str) -> str:
    return _("There is no %(model)s named “%(name)s”.") % {"model": model._meta.verbose_name, "name": name}


def cell_refusal(widget: widgets.Widget, value, error: Exception) -> str:
    """What staff read about a cell that could not be read: the widget's own words, never a Python message."""
    if isinstance(error, CellError):
        return str(error)
    if isinstance(error, ObjectDoesNotExist) and isinstance(widget, widgets.ForeignKeyWidget):
        return no_such_name(widget.model, cell_text(value))
    return _("“%(value)s” cannot be read in this column.") % {"value": cell_text(value)}
