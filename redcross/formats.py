"""Numbers the way leadership and citizens read them, and the small counting helpers the apps' summaries share."""

from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce


def yuan(value: Decimal | int | None) -> str:
    """¥1,234.56; an em dash where nothing was recorded."""
    if value is None:
        return "—"
    return f"¥{Decimal(value):,.2f}"


def subquery_sum(queryset, field: str = "amount", link: str = "project") -> Coalesce:
    """The sum of `field` over the rows of `queryset` linked to the outer row, as one subquery (no join fan-out)."""
    total = (
        queryset.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(total=Sum(field)).values("total")
    )
    return Coalesce(Subquery(total), Value(Decimal("0.00")), output_field=DecimalField(max_digits=14, decimal_places=2))


def first_rows(queryset, limit: int, *fields: str) -> dict:
    """At most `limit` rows of `queryset` (the `fields` of each) and how many there are in all, in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk"))).values(*fields, "total")[:limit])
    return {"rows": [{key: row[key] for key in fields} for row in rows], "count": rows[0]["total"] if rows else 0}


def by_place(rows) -> dict[str, int]:
    """(place, count) rows added up by the place's name as written, trimmed ("" where none was given)."""
    found: dict[str, int] = {}
    for place, count in rows:
        name = (place or "").strip()
        found[name] = found.get(name, 0) + count
    return found
