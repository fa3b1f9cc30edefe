"""What the apps' message texts share: the shape of a text, the portal's address in it, and its language."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What each template value is, as staff read it beside a message (the names themselves are the providers' template
# variables, ${name} or {1} …, documented in .env.example).
PARAM_LABELS = {
    "code": pgettext_lazy("template value", "code"),
    "minutes": pgettext_lazy("template value", "minutes the code is valid"),
    "name": pgettext_lazy("template value", "name"),
    "title": pgettext_lazy("template value", "title"),
    "time": pgettext_lazy("template value", "time"),
    "place": _("place"),
    "position": pgettext_lazy("template value", "position on the waiting list"),
    "course": _("course"),
    "number": pgettext_lazy("template value", "certificate number"),
    "link": _("link"),
    "contact": _("contact person"),
    "organisation": _("organisation"),
    "headcount": _("number of visitors"),
    "reason": _("reason given"),
}


@dataclass(frozen=True)
class Text:
    """A message's kind, its words without the signature, and the values of the provider's template in its order."""

    kind: str
    body: str
    params: dict[str, str]


def public_url(path: str) -> str:
    """A page of the portal as a citizen opens it from a message (PUBLIC_BASE_URL)."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def in_main_language(build):
    """Messages are written in the portal's main language (Chinese), whatever the language of the page that
    caused them."""
    @functools.wraps(build)
    def built(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return build(*args, **kwargs)

    return built
