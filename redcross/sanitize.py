"""Rich text staff write or paste (news bodies): kept to harmless HTML with nh3, so no script can be stored."""

import re

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "a", "img",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "span", "sub", "sup",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer", strip_comments=True,
    )


UNSAFE = re.compile(r"<\s*(script|iframe|object|embed|style)\b|\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE)


def unsafe_parts(html: str) -> list[str]:
    """What in `html` could run code in a reader's browser (the cleaner would drop it silently)."""
    return sorted({match.group(0).strip().lower() for match in UNSAFE.finditer(html or "")})
