"""Reads of the news pages: a fixed number of queries whatever the number of articles."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Article


def published_articles(now=None) -> QuerySet[Article]:
    return Article.objects.filter(published=True, published_at__lte=now or timezone.now())


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The article published just before this one and the one just after."""
    articles = published_articles().only("pk", "title", "published_at")
    older = articles.filter(published_at__lt=article.published_at).order_by("-published_at", "-pk").first()
    newer = articles.filter(published_at__gt=article.published_at).order_by("published_at", "pk").first()
    return older, newer
