"""Reads of the public disclosure of donations (捐赠公示): the gifts received and the uses recorded in a period, the
gifts and uses of a directed project, and their totals, counted by the database.

Only the columns of `PUBLIC_FIELDS` are ever read from a donation here: a donor's phone, address and the staff's
notes never leave the table. A project or site is named only when the public may see it.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from .donation_names import PUBLIC_FIELDS
from .models import ZERO, Allocation, Donation, Project, Site
from .selectors import public_projects, public_sites

# No branch disclosed a gift before this year; an earlier month is not a page.
EARLIEST_YEAR = 2000
MONEY, GOODS = Donation.Kind.MONEY, Donation.Kind.GOODS
USE_FIELDS = (
    "id",
    "allocated_on",
    "amount",
    "quantity",
    "value",
    "target",
    "project_id",
    "project__title",
    "description",
    "people_helped",
    *(f"donation__{field}" for field in PUBLIC_FIELDS),
)


@dataclass(frozen=True)
class Period:
    """A month, or a whole year, of the disclosure: its first and last day."""

    first: dt.date
    last: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> "Period | None":
        """The month, or None for one that is not a month, comes before EARLIEST_YEAR or has not begun."""
        today = timezone.localdate()
        if not (EARLIEST_YEAR <= year <= today.year and 1 <= month <= 12) or (year, month) > (today.year, today.month):
            return None
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def year(cls, year: int) -> "Period | None":
        if not EARLIEST_YEAR <= year <= timezone.localdate().year:
            return None
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def ended(self) -> bool:
        return self.last < timezone.localdate()


def years_offered() -> list[int]:
    """The years a visitor may choose, newest first: from the first gift's year (this year if none) to this one."""
    this_year = timezone.localdate().year
    first = Donation.objects.aggregate(first=Min("received_on"))["first"]
    return list(range(this_year, (first.year if first else this_year) - 1, -1))


def latest_month_received() -> dt.date | None:
    """The day of the latest gift received, or None before the first one."""
    return Donation.objects.aggregate(last=Max("received_on"))["last"]


def project_page_rule() -> Q:
    """Projects with a donation page: published, at a public site, and given a directed gift or a use of one."""
    pk = OuterRef("pk")
    return (
        Q(published=True)
        & Q(Exists(public_sites().filter(projects=pk)))
        & (Q(Exists(Donation.objects.filter(project=pk))) | Q(Exists(Allocation.objects.filter(project=pk))))
    )


def donation_page_projects() -> QuerySet[Project]:
    return public_projects().filter(project_page_rule())


def projects_with_donation_page(site: Site) -> set[int]:
    """The ids of the site's projects that have a donation page, in one query."""
    return set(donation_page_projects().filter(sites=site).values_list("pk", flat=True))


def public_donations() -> QuerySet[Donation]:
    """Gifts as the public may read them, each knowing whether its project or site may be named and linked."""
    return (
        Donation.objects.select_related("project", "site")
        .only(*PUBLIC_FIELDS, "project__title", "site__name")
        .annotate(
            project_page=Exists(donation_page_projects().filter(pk=OuterRef("project_id"))),
            site_public=Exists(public_sites().filter(pk=OuterRef("site_id"))),
        )
    )


def public_uses() -> QuerySet[Allocation]:
    """Uses as the public may read them: the donation's public fields, the project named only when it has a page."""
    return (
        Allocation.objects.select_related("donation", "project")
        .only(*USE_FIELDS)
        .annotate(project_page=Exists(donation_page_projects().filter(pk=OuterRef("project_id"))))
    )


def donations_received(period: Period) -> QuerySet[Donation]:
    return public_donations().filter(received_on__range=(period.first, period.last)).order_by("received_on", "pk")


def uses_recorded(period: Period) -> QuerySet[Allocation]:
    return public_uses().filter(allocated_on__range=(period.first, period.last)).order_by("allocated_on", "pk")


@dataclass(frozen=True)
class Totals:
    received_count: int
    received_money: Decimal
    received_goods: Decimal
    used_count: int
    used_value: Decimal
    remaining_money: Decimal
    remaining_goods: Decimal
    previous: dt.date | None
    next: dt.date | None

    @property
    def remaining(self) -> Decimal:
        return self.remaining_money + self.remaining_goods


def period_totals(period: Period) -> Totals:
    """Received and used within the period, what remained of every gift at its end (money, and goods by their
    estimated value), and the nearest days before and after it with a gift or a use: two queries."""
    first, last = period.first, period.last
    received = Q(received_on__range=(first, last))
    gifts = Donation.objects.aggregate(
        count=Count("pk", filter=received),
        money=Sum("amount", filter=received),
        goods=Sum("estimated_value", filter=received),
        money_by_end=Sum("amount", filter=Q(received_on__lte=last)),
        goods_by_end=Sum("estimated_value", filter=Q(received_on__lte=last)),
        previous=Max("received_on", filter=Q(received_on__lt=first)),
        next=Min("received_on", filter=Q(received_on__gt=last)),
    )
    used = Q(allocated_on__range=(first, last))
    by_end = Q(allocated_on__lte=last)
    uses = Allocation.objects.aggregate(
        count=Count("pk", filter=used),
        used=Sum("value", filter=used),
        # A use of money has an amount, a use of goods a quantity.
        money_by_end=Sum("value", filter=by_end & Q(amount__isnull=False)),
        goods_by_end=Sum("value", filter=by_end & Q(quantity__isnull=False)),
        previous=Max("allocated_on", filter=Q(allocated_on__lt=first)),
        next=Min("allocated_on", filter=Q(allocated_on__gt=last)),
    )
    return Totals(
        received_count=gifts["count"],
        received_money=gifts["money"] or ZERO,
        received_goods=gifts["goods"] or ZERO,
        used_count=uses["count"],
        used_value=uses["used"] or ZERO,
        remaining_money=(gifts["money_by_end"] or ZERO) - (uses["money_by_end"] or ZERO),
        remaining_goods=(gifts["goods_by_end"] or ZERO) - (uses["goods_by_end"] or ZERO),
        previous=max(filter(None, (gifts["previous"], uses["previous"])), default=None),
        next=min(filter(None, (gifts["next"], uses["next"])), default=None),
    )


def project_for_donation_page(pk: int) -> Project:
    """A project with a donation page and its public sites; Project.DoesNotExist for any other."""
    sites = public_sites().only("pk", "name").order_by("name", "pk")
    return (
        donation_page_projects()
        .only("pk", "title", "year", "description")
        .prefetch_related(Prefetch("sites", queryset=sites, to_attr="public_site_list"))
        .get(pk=pk)
    )


def directed_donations(project: Project) -> QuerySet[Donation]:
    return public_donations().filter(project=project).order_by("-received_on", "-pk")


def uses_for(project: Project) -> QuerySet[Allocation]:
    return public_uses().filter(project=project).order_by("-allocated_on", "-pk")


@dataclass(frozen=True)
class ProjectTotals:
    directed_count: int
    directed_money: Decimal
    directed_goods: Decimal
    used_count: int
    used_value: Decimal


def project_totals(project: Project) -> ProjectTotals:
    """The gifts directed to the project and the uses for it (directed or not), counted by the database."""
    gifts = Donation.objects.filter(project=project).aggregate(
        count=Count("pk"), money=Sum("amount"), goods=Sum("estimated_value")
    )
    uses = Allocation.objects.filter(project=project).aggregate(count=Count("pk"), used=Sum("value"))
    return ProjectTotals(
        directed_count=gifts["count"],
        directed_money=gifts["money"] or ZERO,
        directed_goods=gifts["goods"] or ZERO,
        used_count=uses["count"],
        used_value=uses["used"] or ZERO,
    )
