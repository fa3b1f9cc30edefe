"""What the apps' message texts share: the shape of a text, the portal's address in it, and its language."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


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
