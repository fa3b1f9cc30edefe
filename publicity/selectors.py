"""Reads of the publicity app: the news pages and the staff's screens, a fixed number of queries whatever the
number of rows; and what a news article may link to, asked of the app that owns the linked record."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from projects.selectors import activity_is_public, project_is_public
from training.selectors import session_is_public

from .models import Article, Commendation, Correspondent, Placement, ScoringScheme, Story

RECENT_PLACEMENTS = 10


def published_articles(now=None) -> QuerySet[Article]:
    return Article.objects.filter(published=True, published_at__lte=now or timezone.now())


def news_for_public(*, category: str = "") -> QuerySet[Article]:
    """The news list, newest first, in one category or all."""
    articles = published_articles().defer("body").order_by("-published_at", "-pk")
    return articles.filter(category=category) if category else articles


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The article published just before this one and the one just after."""
    articles = published_articles().only("pk", "title", "published_at")
    older = articles.filter(published_at__lt=article.published_at).order_by("-published_at", "-pk").first()
    newer = articles.filter(published_at__gt=article.published_at).order_by("published_at", "pk").first()
    return older, newer


def related_links(article: Article) -> list[tuple[str, str | None]]:
    """The activity, session and project an article is about, as (title, address or None), for those a citizen
    may open; the owning apps decide. A project has no page of its own and is named without a link."""
    links: list[tuple[str, str | None]] = []
    if article.activity_id and activity_is_public(article.activity):
        links.append((article.activity.title, article.activity.get_absolute_url()))
    if article.session_id and session_is_public(article.session):
        links.append((article.session.display_title, article.session.get_absolute_url()))
    if article.project_id and project_is_public(article.project):
        links.append((article.project.title, None))
    return links


# The staff's screens


def stories_of(correspondent: Correspondent) -> QuerySet[Story]:
    """A correspondent's stories, newest first, with their placements and outlets."""
    return correspondent.stories.prefetch_related(
        Prefetch("placements", queryset=Placement.objects.select_related("outlet"))
    ).order_by("-submitted_on", "-pk")


def recent_placements(limit: int = RECENT_PLACEMENTS) -> QuerySet[Placement]:
    """The placements entered last, for staff entering a series of them."""
    return Placement.objects.select_related("story", "outlet").order_by("-pk")[:limit]


def leaderboard_years(year: int) -> list[int]:
    """The years a leaderboard can be shown for, newest first: those with placements or a scheme, this year and
    the year asked for."""
    years = {day.year for day in Placement.objects.dates("published_on", "year")}
    years.update(ScoringScheme.objects.values_list("year", flat=True))
    years.update({timezone.localdate().year, year})
    return sorted(years, reverse=True)


def scheme_of(year: int) -> ScoringScheme | None:
    return ScoringScheme.objects.filter(year=year).first()


def commendations_held(year: int) -> dict[int, list[str]]:
    """The titles each correspondent was given for `year`, by correspondent id."""
    held: dict[int, list[str]] = {}
    for correspondent_id, title in Commendation.objects.filter(year=year).values_list("correspondent_id", "title"):
        held.setdefault(correspondent_id, []).append(title)
    return held
