"""Rich text staff write or paste (news bodies): kept to harmless HTML with nh3, so no script can be stored."""

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
