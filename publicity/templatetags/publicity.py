from django import template

from publicity.selectors import published_articles

register = template.Library()


@register.inclusion_tag("publicity/includes/latest_news.html")
def latest_news(count: int = 3):
    return {"articles": list(published_articles().defer("body").order_by("-published_at", "-pk")[:count])}
