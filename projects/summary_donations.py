"""The donations' figures of a period (捐赠), computed by the database: what was received in the period (money,
goods at their estimated value, directed or not, by kind of donor), what was used in it (for projects, for relief,
for general purposes), and what had been received, used and remained by its last day.

A record counts on its own date: a donation on the day it was received, a use on its day. A finished period's
figures stay as they were when donations or uses dated after it are recorded.
"""

from datetime import date

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from redcross.dates import Dated
from redcross.formats import subquery_sum

from .donation_names import published_name
from .models import ZERO, Allocation, Donation
from .services.donations import quantity_text

Kind, Direction, DonorKind, Target = Donation.Kind, Donation.Direction, Donation.DonorKind, Allocation.Target
GIFT = "gift_value"  # the amount, or the goods' estimated value
ANONYMOUS = "anonymous"  # a kind of donor for the figures: an anonymous gift, whoever gave it

DATED = {
    # What the report's figures and lists read of a donation: a donor's phone, address or the staff's note never.
    Donation: Dated(("received_on",), counted=(
        "receipt_number", "kind", "amount", "goods", "quantity", "unit", "estimated_value", "donor_kind",
        "donor_name", "anonymous", "publish_name", "consent_on", "direction", "project", "site", "purpose",
    )),
    Allocation: Dated(("allocated_on",), counted=(
        "donation", "amount", "quantity", "value", "target", "project", "description", "people_helped",
    )),
}


def _yuan(field, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=DecimalField(max_digits=14,
                                                                                          decimal_places=2))


def _value_and_count(condition: Q, prefix: str, field: str = "value") -> dict:
    return {f"{prefix}value": _yuan(field, condition), f"{prefix}count": Count("pk", filter=condition)}


def _split(totals: dict, names) -> dict[str, dict]:
    return {name: {"value": totals[f"{name}_value"], "count": totals[f"{name}_count"]} for name in names}


DONORS = {
    DonorKind.PERSON.value: Q(anonymous=False, donor_kind=DonorKind.PERSON),
    DonorKind.ORGANISATION.value: Q(anonymous=False, donor_kind=DonorKind.ORGANISATION),
    ANONYMOUS: Q(anonymous=True),
}


def _received(start: date, end: date) -> dict:
    """One query: the donations received in the period, and every donation received by its end."""
    in_period = Q(received_on__gte=start)
    sums = {
        **_value_and_count(in_period, "all_", GIFT),
        "money": _yuan("amount", in_period & Q(kind=Kind.MONEY)),
        "money_count": Count("pk", filter=in_period & Q(kind=Kind.MONEY)),
        "goods": _yuan("estimated_value", in_period & Q(kind=Kind.GOODS)),
        "goods_count": Count("pk", filter=in_period & Q(kind=Kind.GOODS)),
        **_value_and_count(in_period & ~Q(direction=Direction.UNDIRECTED), "directed_", GIFT),
        **{key: value for direction in Direction.values
           for key, value in _value_and_count(in_period & Q(direction=direction), f"{direction}_", GIFT).items()},
        **{key: value for donor, condition in DONORS.items()
           for key, value in _value_and_count(in_period & condition, f"{donor}_", GIFT).items()},
        "to_date": _yuan(GIFT), "money_to_date": _yuan("amount"), "goods_to_date": _yuan("estimated_value"),
    }
    return (
        Donation.objects.filter(received_on__lte=end)
        .annotate(**{GIFT: Coalesce("amount", "estimated_value")}).aggregate(**sums)
    )


def _allocated(start: date, end: date) -> dict:
    """One query: the uses of the period, and every use dated by its end (of donations received by then)."""
    in_period = Q(allocated_on__gte=start)
    sums = {
        **_value_and_count(in_period, "all_"),
        **{key: value for target in Target.values
           for key, value in _value_and_count(in_period & Q(target=target), f"{target}_").items()},
        "people_helped": Coalesce(Sum("people_helped", filter=in_period & Q(target=Target.RELIEF)), 0),
        "projects_helped": Count("project", filter=in_period, distinct=True),
        "to_date": _yuan("value"),
        "money_to_date": _yuan("value", Q(donation__kind=Kind.MONEY)),
        "goods_to_date": _yuan("value", Q(donation__kind=Kind.GOODS)),
    }
    return Allocation.objects.filter(allocated_on__lte=end, donation__received_on__lte=end).aggregate(**sums)


def donations(start: date, end: date) -> dict:
    """Donations received and used from `start` to `end` (both included), and the balance as of `end`, in yuan
    (goods at their estimated value, their uses at their share of it). Two queries, whatever the number of records.

    received: value, count, money and money_count, goods and goods_count, directed and undirected;
    by_direction and by_donor (person, organisation, anonymous): value and count each;
    allocated: value, count, projects, relief, general (the value of each), people_helped (by relief),
    projects_helped (projects that received a use), by_target (value and count each);
    to_date: received, allocated and remaining (received − allocated), in all and for money and goods.
    """
    received, used = _received(start, end), _allocated(start, end)
    directions = _split(received, Direction.values)
    targets = _split(used, Target.values)
    return {
        "received": {
            "value": received["all_value"], "count": received["all_count"],
            **{key: received[key] for key in ("money", "money_count", "goods", "goods_count")},
            "directed": received["directed_value"], "directed_count": received["directed_count"],
            "undirected": directions[Direction.UNDIRECTED]["value"],
            "undirected_count": directions[Direction.UNDIRECTED]["count"],
        },
        "by_direction": directions,
        "by_donor": _split(received, DONORS),
        "allocated": {
            "value": used["all_value"], "count": used["all_count"],
            **{target: targets[target]["value"] for target in Target.values},
            "people_helped": used["people_helped"], "projects_helped": used["projects_helped"], "by_target": targets,
        },
        "to_date": {
            "received": received["to_date"], "allocated": used["to_date"],
            "remaining": received["to_date"] - used["to_date"],
            "money_remaining": received["money_to_date"] - used["money_to_date"],
            "goods_remaining": received["goods_to_date"] - used["goods_to_date"],
        },
    }


def _directed_to(donation: Donation) -> str:
    if donation.direction == Direction.PROJECT:
        return donation.project.title
    if donation.direction == Direction.SITE:
        return donation.site.name
    return donation.purpose


def donation_rows(start: date, end: date) -> list[dict]:
    """The donations received in the period, one row each, with what had been used of each by the period's end and
    what remained then (yuan). The donor as the public may read the name (projects.donation_names): never a phone,
    an address or a note."""
    used_by_end = subquery_sum(Allocation.objects.filter(allocated_on__lte=end), "value", link="donation")
    donations_ = (
        Donation.objects.filter(received_on__range=(start, end))
        .select_related("project", "site").annotate(value=Coalesce("amount", "estimated_value"), used=used_by_end)
        .order_by("received_on", "receipt_number", "pk")
    )
    return [
        {"date": gift.received_on, "receipt_number": gift.receipt_number, "donor": published_name(gift),
         "donor_kind": ANONYMOUS if gift.anonymous else gift.donor_kind, "kind": gift.kind,
         "goods": f"{gift.goods} {quantity_text(gift.quantity, gift.unit)}" if gift.kind == Kind.GOODS else "",
         "value": gift.value, "direction": gift.direction, "directed_to": _directed_to(gift),
         "allocated": gift.used, "remaining": gift.value - gift.used}
        for gift in donations_
    ]


def allocation_rows(start: date, end: date) -> list[dict]:
    """The uses of donations in the period, one row each: the donation's receipt number and donor as published,
    what it was used for (the project, or the description), the quantity of goods, the value and people helped."""
    uses = (
        Allocation.objects.filter(allocated_on__range=(start, end))
        .select_related("donation", "project").order_by("allocated_on", "pk")
    )
    return [
        {"date": use.allocated_on, "receipt_number": use.donation.receipt_number,
         "donor": published_name(use.donation), "target": use.target,
         "used_for": use.project.title if use.project_id else use.description,
         "quantity": quantity_text(use.quantity, use.donation.unit) if use.quantity is not None else "",
         "value": use.value, "people_helped": use.people_helped}
        for use in uses
    ]

