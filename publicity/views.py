from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import selectors
from .models import Article

ARTICLES_PER_PAGE = 10


@require_safe
def article_list(request):
    category = request.GET.get("category", "")
    articles = selectors.published_articles().defer("body")
    if category in Article.Category.values:
        articles = articles.filter(category=category)
    else:
        category = ""
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "publicity/article_list.html", {
        "page": page, "category": category, "categories": Article.Category.choices,
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
