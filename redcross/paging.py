"""One page of a public list, so that no page grows with the data."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# More digits than any page count: such a number is past the end, and is not read whole (Python refuses
# to read integers of thousands of digits).
MAX_DIGITS = 12


def page_of(request, queryset: QuerySet, per_page: int) -> Page:
    """The page `?page=` asks for: the first page for anything that is not a whole number or is below 1, the last
    for a number past the end, so that a mistyped or stale link still shows a list, never an error."""
    text = request.GET.get("page", "").strip()
    number = int(text[:MAX_DIGITS]) if text.isdecimal() else 1
    return Paginator(queryset, per_page).get_page(max(number, 1))
