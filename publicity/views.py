from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from redcross.paging import page_of

from . import selectors
from .models import Article

ARTICLES_PER_PAGE = 10


@require_safe
def article_list(request):
    category = request.GET.get("category", "")
    if category not in Article.Category.values:
        category = ""
    return render(request, "publicity/article_list.html", {
        "page": page_of(request, selectors.news_for_public(category=category), ARTICLES_PER_PAGE),
        "category": category,
        "categories": Article.Category.choices,
    })


@require_safe
def article_detail(request, pk: int):
    article = get_object_or_404(
        selectors.published_articles().select_related("activity", "session__course", "project"), pk=pk
    )
    older, newer = selectors.neighbours(article)
    return render(request, "publicity/article_detail.html", {
        "article": article, "related": selectors.related_links(article), "older": older, "newer": newer,
    })
