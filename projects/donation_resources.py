"""The finance office's monthly spreadsheet of donations: previewed row by row in the admin, each row stored through
`services.donation_save`, a file with any refused row storing nothing (see redcross.importing).

A row names its donation by the receipt number (捐赠票据号), read as the service stores it: full-width letters and
digits made plain, the spaces around it dropped, letters in capitals. A number already on record updates that
donation through the service, and a row that changes nothing is reported as skipped, so importing the same file
twice adds nothing. A number twice in one file is refused.

Choices are written as their labels (银行转账, 定向项目) or a label's short form, the words before its bracket or
colon (全名, 非定向); an empty choice cell keeps the default for a new donation and the stored choice for one on
record. With the direction left empty, the project, site or purpose the row names gives it. The donor's phone and
address may be imported, for staff; an export never carries them, nor the staff's note.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export.fields import Field

from redcross.cells import (
    CellError,
    ChoiceLabelWidget,
    DayWidget,
    NamedWidget,
    NumberWidget,
    TextWidget,
    YesNoWidget,
    cell_text,
    column,
)
from redcross.importing import StrictResource
from redcross.validators import normalize_phone

from . import services
from .models import Donation, Project, Site
from .services.donations import receipt_number_normalized

# Never in an export: the donor's contact and the staff's note stay in the admin.
STAFF_ONLY = ("phone", "address", "note")
Direction = Donation.Direction


class ReceiptWidget(TextWidget):
    """The receipt number, as stored; a number Excel keeps as a number reads without its “.0”."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        number = receipt_number_normalized(cell_text(value))
        if not number:
            raise CellError(gettext_now("A receipt number is required."))
        return number


class PhoneWidget(TextWidget):
    """A phone as the service stores it, so that a number written with spaces is no change."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value:.0f}"
        return normalize_phone(cell_text(value))


def short_label(label) -> str:
    """全名（捐赠人已同意） → 全名, 非定向：由本会统筹 → 非定向."""
    return re.split(r"[（(：:]", str(label), maxsplit=1)[0].strip()


class LabelWidget(ChoiceLabelWidget):
    """A choice by its label or the label's short form; an empty cell is no choice (the column keeps what is)."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        for choice_value, label in self.choices.choices:
            if text == short_label(label):
                return choice_value
        return super().clean(value, row, **kwargs)


class KeptYesNoWidget(YesNoWidget):
    """是 or 否; an empty cell is no answer (the column keeps what is)."""

    def clean(self, value, row=None, **kwargs):
        return None if cell_text(value) == "" else super().clean(value, row, **kwargs)


def kept(field: Field) -> Field:
    """A column whose empty cell leaves the donation's value as it is: the default for a new one."""
    field.saves_null_values = False
    return field


class DonationResource(StrictResource):
    receipt_number = column("receipt_number", _("receipt number"), ReceiptWidget())
    received_on = column("received_on", _("received on"), DayWidget(required=True))
    kind = kept(column("kind", _("kind"), LabelWidget(Donation.Kind)))
    channel = kept(column("channel", _("how it was given"), LabelWidget(Donation.Channel)))
    amount = column("amount", _("amount (yuan)"), NumberWidget())
    goods = column("goods", _("goods given"))
    quantity = column("quantity", _("quantity"), NumberWidget())
    unit = column("unit", pgettext_lazy("quantity", "unit"))
    estimated_value = column("estimated_value", _("estimated value (yuan)"), NumberWidget())
    donor_kind = kept(column("donor_kind", _("donor is a"), LabelWidget(Donation.DonorKind)))
    donor_name = column("donor_name", _("donor"))
    anonymous = column("anonymous", _("anonymous gift"), YesNoWidget())
    publish_name = kept(column("publish_name", _("name published as"), LabelWidget(Donation.PublishName)))
    consent_on = column("consent_on", _("consent given on"), DayWidget())
    phone = column("phone", _("phone"), PhoneWidget())
    address = column("address", _("address"))
    direction = kept(column("direction", _("directed or undirected"), LabelWidget(Direction)))
    project = column("project", _("project"), NamedWidget(Project, field="title"))
    site = column("site", _("site"), NamedWidget(Site))
    purpose = column("purpose", _("purpose"))
    receipt_issued = kept(column("receipt_issued", _("receipt issued"), KeptYesNoWidget()))
    note = column("note", _("note for staff"))

    class Meta:
        model = Donation
        import_id_fields = ("receipt_number",)
        fields = ("receipt_number", "received_on", "kind", "channel", "amount", "goods", "quantity", "unit",
                  "estimated_value", "donor_kind", "donor_name", "anonymous", "publish_name", "consent_on", "phone",
                  "address", "direction", "project", "site", "purpose", "receipt_issued", "note")
        clean_model_instances = True
        skip_unchanged = True

    def __init__(self, by=None, **kwargs):
        super().__init__(**kwargs)
        self.by = by

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in ("receipt_number", "received_on", "donor_name")]

    def before_import(self, dataset, **kwargs):
        self.receipt_rows: dict[str, int] = {}
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not cell_text(row.get(self.fields["direction"].column_name)):
            instance.direction = self.direction_named(instance)
        number, here = instance.receipt_number, self.excel_row(kwargs.get("row_number", 0))
        first = self.receipt_rows.setdefault(number, here)
        if first != here:
            raise ValidationError({"receipt_number": gettext_now(
                "Receipt number %(number)s is already on row %(row)s of this file: each donation has one row."
            ) % {"number": number, "row": first}})

    @staticmethod
    def direction_named(donation: Donation) -> str:
        """The direction the row's project, site or purpose gives; with more than one, the stored one (refused)."""
        named = [direction for direction, value in (
            (Direction.PROJECT, donation.project_id), (Direction.SITE, donation.site_id),
            (Direction.PURPOSE, donation.purpose)) if value]
        if len(named) > 1:
            return donation.direction
        return named[0] if named else Direction.UNDIRECTED

    def get_export_order(self):
        return [name for name in super().get_export_order() if name not in STAFF_ONLY]

    def save_record(self, instance):
        services.donation_save(donation=instance, by=self.by)
