"""The disclosure of a month or a year as an Excel file: its totals, the gifts received and their uses, saying when
the data was taken. Donors are named as `published_name` allows, and only public fields are read."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from redcross.spreadsheets import printable, xlsx_bytes

from . import donation_selectors as selectors
from .donation_names import public_receipt, published_name
from .donation_selectors import Period
from .models import Allocation, Donation

CHUNK = 2000
BOLD = Font(bold=True)


def period_label(period: Period) -> str:
    """2026年11月 for a month, 2026年 for a year."""
    if period.first.month == period.last.month:
        return date_format(period.first, "YEAR_MONTH_FORMAT")
    return _("Year %(year)s") % {"year": period.first.year}


def directed_to(donation: Donation) -> str:
    """What the donor directed the gift to, naming a project or site only where the public may see it."""
    if donation.direction == Donation.Direction.PROJECT:
        return donation.project.title if donation.project_page else _("a project not shown to the public")
    if donation.direction == Donation.Direction.SITE:
        return donation.site.name if donation.site_public else _("a site not shown to the public")
    if donation.direction == Donation.Direction.PURPOSE:
        return donation.purpose
    return _("undirected")


def used_for(use: Allocation) -> str:
    if use.target == Allocation.Target.PROJECT:
        return use.project.title if use.project_page else _("a project not shown to the public")
    return use.description


def _sheet(workbook: Workbook, title: str, headers: list[str]):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "A2"
    return sheet


def _totals_sheet(workbook: Workbook, period: Period) -> None:
    totals = selectors.period_totals(period)
    taken = timezone.localtime()
    sheet = workbook.active
    sheet.title = _("Totals")
    sheet.append(printable([_("Donations received and their use, %(period)s") % {"period": period_label(period)}]))
    sheet["A1"].font = BOLD
    sheet.append([_("Data taken at %(taken)s.") % {"taken": taken.strftime("%Y-%m-%d %H:%M")}])
    sheet.append([])
    rows = [
        (_("Gifts received"), totals.received_count),
        (_("Money received (yuan)"), totals.received_money),
        (_("Goods received, estimated value (yuan)"), totals.received_goods),
        (_("Uses recorded"), totals.used_count),
        (_("Used, value (yuan)"), totals.used_value),
        (_("Money remaining at the end (yuan)"), totals.remaining_money),
        (_("Goods remaining at the end, estimated value (yuan)"), totals.remaining_goods),
    ]
    for label, value in rows:
        sheet.append([label, value])
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 18


def _gifts_sheet(workbook: Workbook, period: Period) -> None:
    sheet = _sheet(
        workbook,
        _("Donations received"),
        [
            _("Date received"),
            _("Receipt number"),
            _("Donor (as published)"),
            pgettext("donation", "Kind"),
            _("Amount (yuan)"),
            _("Goods"),
            _("Quantity"),
            pgettext("quantity", "Unit"),
            _("Estimated value (yuan)"),
            _("How it was given"),
            _("Directed to"),
        ],
    )
    for gift in selectors.donations_received(period).iterator(chunk_size=CHUNK):
        sheet.append(
            printable(
                [
                    gift.received_on,
                    public_receipt(gift.receipt_number),
                    published_name(gift),
                    gift.get_kind_display(),
                    gift.amount,
                    gift.goods,
                    gift.quantity,
                    gift.unit,
                    gift.estimated_value,
                    gift.get_channel_display(),
                    directed_to(gift),
                ]
            )
        )


def _uses_sheet(workbook: Workbook, period: Period) -> None:
    sheet = _sheet(
        workbook,
        _("Uses of donations"),
        [
            _("Date"),
            _("Receipt number"),
            _("Donor (as published)"),
            _("Used for"),
            _("Project or purpose"),
            _("People helped"),
            _("Amount (yuan)"),
            _("Quantity"),
            pgettext("quantity", "Unit"),
            _("Value (yuan)"),
        ],
    )
    for use in selectors.uses_recorded(period).iterator(chunk_size=CHUNK):
        gift = use.donation
        sheet.append(
            printable(
                [
                    use.allocated_on,
                    public_receipt(gift.receipt_number),
                    published_name(gift),
                    use.get_target_display(),
                    used_for(use),
                    use.people_helped,
                    use.amount,
                    use.quantity,
                    gift.unit if use.quantity is not None else "",
                    use.value,
                ]
            )
        )


def disclosure_workbook(period: Period) -> bytes:
    workbook = Workbook()
    _totals_sheet(workbook, period)
    _gifts_sheet(workbook, period)
    _uses_sheet(workbook, period)
    return xlsx_bytes(workbook)
