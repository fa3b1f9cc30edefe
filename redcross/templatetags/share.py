"""What a page says about itself when it is shared (WeChat's card, other apps' previews): the Open Graph tags.

Absolute addresses are built from the request's scheme and host. The page cache keys a stored page by its full
address, scheme and host included (redcross.pagecache.page_key), so a page served from the cache always names the
host it was asked for.
"""

import re
from html import unescape

from django import template
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@register.simple_tag(takes_context=True)
def absolute_url(context, url) -> str:
    """The address with scheme and host, as the visitor asked for the page; unchanged without a request (an
    address that already has a host stays as it is)."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> str:
    """The text of one of the page's blocks as the page fills it, on one line: to say the title again in
    og:title without each page writing it twice."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    if block_context is None or block_context.get_block(name) is None:
        return ""
    # A block node of that name renders the page's own version of the block, `block.super` included.
    rendered = BlockNode(name, NodeList()).render(context)
    # Rendered by the template, so escaped already: marked safe, not escaped twice.
    return mark_safe(" ".join(strip_tags(rendered).split()))  # noqa: S308


@register.filter
def first_image(html: str) -> str:
    """The address of the first image of an HTML text (an article's body), or ''."""
    for match in IMG_SRC.finditer(html or ""):
        src = unescape(match[1]).strip()
        if src.startswith(("/", "http://", "https://")):
            return src
    return ""
