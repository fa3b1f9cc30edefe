"""The correspondents' yearly leaderboard, scored by the year's scheme, computed by the database."""

from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from .models import Placement, ScoringRule, ScoringScheme

NO_POINTS = Value(Decimal("0.0"), output_field=DecimalField(max_digits=8, decimal_places=1))


def placement_points(scheme: ScoringScheme | None):
    """An expression for a placement's points: the rule for its level and story kind (or any kind), plus bonuses."""
    if scheme is None:
        return NO_POINTS
    rule = (
        ScoringRule.objects.filter(scheme=scheme, level=OuterRef("outlet__level"))
        .filter(story_kind__in=[OuterRef("story__kind"), ""])
        .order_by("-story_kind")  # a rule for this kind of story before the rule for any kind
        .values("points")[:1]
    )
    decimal = DecimalField(max_digits=8, decimal_places=1)
    return (
        Coalesce(Subquery(rule, output_field=decimal), NO_POINTS)
        + Case(When(reposted_by_headquarters=True, then=Value(scheme.repost_headquarters_bonus)),
               default=NO_POINTS, output_field=decimal)
        + Case(When(reposted_by_provincial=True, then=Value(scheme.repost_provincial_bonus)),
               default=NO_POINTS, output_field=decimal)
    )


def leaderboard(year: int, limit: int | None = None) -> list[dict]:
    """Correspondents by points for the placements of their stories published in `year`, highest first.

    Each author of a story with several correspondents gets the placement's full points.
    """
    scheme = ScoringScheme.objects.filter(year=year).first()
    rows = (
        Placement.objects.filter(published_on__year=year, story__correspondents__isnull=False)
        .values(correspondent_id=F("story__correspondents"), name=F("story__correspondents__name"))
        .annotate(placements=Count("pk"), points=Sum(placement_points(scheme)))
        .order_by("-points", "-placements", "name")
    )
    if limit:
        rows = rows[:limit]
    return [{**row, "rank": rank} for rank, row in enumerate(rows, start=1)]
