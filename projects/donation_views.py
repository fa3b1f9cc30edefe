"""The public disclosure of donations (捐赠公示): a page per month, a page per directed project, and Excel files of a
month and of a year. Donors are named only as `published_name` allows."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from redcross.admin_support import XLSX_TYPE, attachment
from redcross.paging import page_of

from . import donation_selectors as selectors
from .donation_names import public_receipt, published_name
from .donation_selectors import Period
from .donation_sheets import disclosure_workbook
from .models import Project
from .services.donations import quantity_text

PER_PAGE = 20
# The lists a disclosure page shows one at a time, by `?list=`: the gifts received, or their uses.
RECEIVED, USED = "received", "used"


def _described_gift(donation) -> None:
    donation.public_name = published_name(donation)
    donation.public_receipt = public_receipt(donation.receipt_number)
    if donation.quantity is not None:
        donation.quantity_shown = quantity_text(donation.quantity, donation.unit)


def _described_use(use) -> None:
    _described_gift(use.donation)
    if use.quantity is not None:
        use.quantity_shown = quantity_text(use.quantity, use.donation.unit)


def _list_page(request, gifts, uses):
    """The list the visitor asked for, one page of it, each row described for the public."""
    shown = USED if request.GET.get("list") == USED else RECEIVED
    page = page_of(request, uses if shown == USED else gifts, PER_PAGE)
    for row in page:
        (_described_use if shown == USED else _described_gift)(row)
    return shown, page


def _month_asked(query) -> tuple[Period | None, bool]:
    """The month the year and month choice asks for, and whether it asked for one at all."""
    year, month = query.get("year", "").strip(), query.get("month", "").strip()
    if not (year or month):
        return None, False
    if not (year.isdecimal() and month.isdecimal() and len(year) == 4 and len(month) <= 2):
        return None, True
    return Period.month(int(year), int(month)), True


def _month_page(request, period: Period, *, unknown_month: bool = False):
    totals = selectors.period_totals(period)
    shown, page = _list_page(request, selectors.donations_received(period), selectors.uses_recorded(period))
    return render(
        request,
        "projects/donation_month.html",
        {
            "period": period,
            "totals": totals,
            "shown": shown,
            "page": page,
            "years": selectors.years_offered(),
            "months": range(1, 13),
            "unknown_month": unknown_month,
        },
    )


@require_safe
def donations(request):
    """The latest month with a gift received (this month before the first one); the year and month choice."""
    period, asked = _month_asked(request.GET)
    if period is not None:
        return redirect("projects:donations_month", year=period.first.year, month=period.first.month)
    latest = selectors.latest_month_received() or timezone.localdate()
    return _month_page(request, Period.month(latest.year, latest.month), unknown_month=asked)


@require_safe
def donations_month(request, year: int, month: int):
    period = Period.month(year, month)
    if period is None:
        raise Http404(_("There is no disclosure for that month."))
    return _month_page(request, period)


@require_safe
def donations_month_excel(request, year: int, month: int):
    period = Period.month(year, month)
    if period is None:
        raise Http404(_("There is no disclosure for that month."))
    name = _("Donations disclosed %(year)s-%(month)02d.xlsx") % {"year": year, "month": month}
    return attachment(disclosure_workbook(period), XLSX_TYPE, name)


@require_safe
def donations_year_excel(request, year: int):
    period = Period.year(year)
    if period is None:
        raise Http404(_("There is no disclosure for that year."))
    name = _("Donations disclosed %(year)s.xlsx") % {"year": year}
    return attachment(disclosure_workbook(period), XLSX_TYPE, name)


@require_safe
def project_donations(request, pk: int):
    """The gifts directed to a public project and every use of a gift for it."""
    try:
        project = selectors.project_for_donation_page(pk)
    except Project.DoesNotExist as error:
        raise Http404 from error
    shown, page = _list_page(request, selectors.directed_donations(project), selectors.uses_for(project))
    return render(
        request,
        "projects/donation_project.html",
        {
            "project": project,
            "totals": selectors.project_totals(project),
            "shown": shown,
            "page": page,
        },
    )
