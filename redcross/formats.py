"""Numbers the way leadership and citizens read them."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
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
