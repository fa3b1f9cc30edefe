"""The figures of the publicity front for a period, computed by the database."""

from datetime import date

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from redcross.dates import Dated

from .models import (
    Article,
    Correspondent,
    OutletLevel,
    Placement,
    Story,
    StoryKind,
    WeChatAccount,
    WeChatMonth,
    WeChatPost,
    WeChatRanking,
)
from .scoring import leaderboard

TOP = 10
# The records the figures read, by the dates that place them in a period (see projects.summary.DATED).
DATED = {
    Placement: Dated(("published_on",), counted=("story", "outlet")),
    Story: Dated(("submitted_on",), counted=("kind",)),
    Correspondent: Dated(("appointed_on", "ended_on", "term_ends"), counted=()),
    WeChatAccount: Dated(("opened_on",), counted=()),
    WeChatPost: Dated(("published_on",)),
    WeChatMonth: Dated(("month",)),
    WeChatRanking: Dated(("month",)),
    Article: Dated(("published_at",), counted=("published",)),
}


def _by(queryset, field: str, choices) -> dict[str, int]:
    found = dict(queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n").order_by())
    return {value: found.get(value, 0) for value in choices.values}


def correspondents_on(day: date):
    """The correspondents serving on `day`: appointed by then, their appointment not ended and their term not over."""
    return Correspondent.objects.filter(appointed_on__lte=day).exclude(ended_on__lte=day).exclude(term_ends__lt=day)


def summary(start: date, end: date) -> dict:
    """Figures for the days from `start` to `end`, both included.

    Placements are counted one by one (a story placed in three outlets counts three times), by the level of the
    outlet and the kind of story. The leaderboard is the one of the year in which the period ends.
    """
    placements = Placement.objects.filter(published_on__range=(start, end))
    by_level_and_kind = {
        (row["outlet__level"], row["story__kind"]): row["n"]
        for row in placements.values("outlet__level", "story__kind").annotate(n=Count("pk")).order_by()
    }
    posts = WeChatPost.objects.filter(published_on__range=(start, end))
    post_totals = posts.aggregate(
        posts=Count("pk"),
        reads=Coalesce(Sum("reads"), Value(0)),
        reposted_by_provincial=Count("pk", filter=Q(reposted_by_provincial=True)),
        reposted_by_headquarters=Count("pk", filter=Q(reposted_by_headquarters=True)),
    )
    # Each account's latest statistics up to the end of the period; None (no data) differs from 0.
    latest = WeChatMonth.objects.filter(account=OuterRef("account"), month__lte=end).order_by("-month").values("pk")
    followers = WeChatMonth.objects.filter(pk=Subquery(latest[:1])).aggregate(n=Sum("followers"))["n"]
    best = WeChatRanking.objects.filter(month__range=(start.replace(day=1), end)).aggregate(best=Min("rank"))["best"]
    accounts = WeChatAccount.objects.filter(opened_on__lte=end)

    return {
        "period": {"start": start, "end": end},
        "placements": {
            "total": placements.count(),
            "by_level": _by(placements, "outlet__level", OutletLevel),
            "by_kind": _by(placements, "story__kind", StoryKind),
            "by_level_and_kind": {
                level: {kind: by_level_and_kind.get((level, kind), 0) for kind in StoryKind.values}
                for level in OutletLevel.values
            },
            "research_articles": placements.filter(story__kind=StoryKind.RESEARCH).count(),
        },
        "correspondents": {
            "active": correspondents_on(end).count(),
            "top": leaderboard(end.year, limit=TOP),
        },
        "wechat": {
            "accounts": accounts.count(),
            **post_totals,
            "by_kind": _by(posts, "kind", WeChatPost.Kind),
            "by_topic": _by(posts, "topic", WeChatPost.Topic),
            "followers": followers,
            "best_rank": best,
        },
        "news_articles": Article.objects.filter(published=True, published_at__date__range=(start, end)).count(),
    }



def placement_rows(start: date, end: date) -> list[dict]:
    """The placements of the period, one row each, for the report's lists."""
    levels, kinds = dict(OutletLevel.choices), dict(StoryKind.choices)
    rows = Placement.objects.filter(published_on__range=(start, end)).order_by("published_on", "pk").values(
        "published_on", "story__title", "story__kind", "outlet__name", "outlet__level"
    )
    return [{**row, "story__kind": str(kinds[row["story__kind"]]), "outlet__level": str(levels[row["outlet__level"]])}
            for row in rows]


def placements_by_month(start: date, end: date) -> dict[str, dict]:
    """Placements published from `start` to `end` by month ("2026-03"), for the staff's dashboard; one query.
    Months without any are left out."""
    rows = (
        Placement.objects.filter(published_on__range=(start, end)).annotate(month=TruncMonth("published_on"))
        .values("month").annotate(n=Count("pk")).order_by("month")
    )
    return {row["month"].strftime("%Y-%m"): {"placements": row["n"]} for row in rows}
