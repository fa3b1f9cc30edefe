"""Public pages served from the cache to anonymous visitors, rendered once per content version and language.

What a page shows changes only when staff change a record: every save or delete of a public model bumps one
content version (`bump_content_version`, connected in redcross.apps), and the pages cached under the previous
version are never read again. PAGE_CACHE_SECONDS bounds how long a page lives in any case, for what changes with
time alone (a session that has begun, an article's publication time).

A page is cached only when nothing in it belongs to one visitor: an anonymous visitor without session data or
messages, a page on the allow-list, a 200 HTML response that sets no cookie, uses no CSP nonce and leaves the
session and messages alone. Every page carries the language switch, a form with a CSRF token: the token is cut
out before the page is stored and each visitor gets a token of their own when it is served. Headers that
middleware adds (CSP, security headers, cookies, Vary) are added to every response anew, because this middleware
runs innermost.

Django's cache middleware does not fit: its key follows the response's Vary, and every page here varies on the
Cookie that carries the CSRF token, so no two visitors would share a page.
"""

import hashlib
import re
import secrets
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

# Django's own inverse of the token masking (private), so that the tokens cut out of a page are exactly those that
# Django accepts for the visitor's secret, whatever put them there.
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.translation import get_language
from simple_history.models import HistoricalChanges

from .models import forget_profile

VERSION_KEY = "pagecache:version"
# The pages whose content is the same for every anonymous visitor. A session's page, a visiting time's booking
# form and the certificate check carry an empty form (each visitor gets their own token); what a form answers (a
# POST), a registration, a group's booking, their cancel pages and a certificate's own page hold a visitor's record
# and are always rendered.
CACHED_VIEWS = frozenset({
    "home",
    "projects:index", "projects:site_detail", "projects:activity_list", "projects:activity_detail",
    "projects:book_visit", "projects:donations", "projects:donations_month", "projects:project_donations",
    "projects:donation_lookup",
    "training:index", "training:base_detail", "training:session_list", "training:session_detail",
    "training:certificate_check", "training:privacy",
    "publicity:index", "publicity:article_detail",
})
# Longer query strings (anything but a page number and a filter or two) are rendered, not stored.
MAX_QUERY_STRING = 128
PUBLIC_APPS = frozenset({"projects", "training", "publicity"})
PUBLIC_CORE_MODELS = frozenset({"redcross.branchprofile"})
# Records of the public apps that no cached page shows (a person's own data): their changes start no version.
PRIVATE_MODELS = frozenset({"training.trainee"})
# Stands for the visitor's CSRF token in a stored page. Text fields refuse control characters, so a page's own
# text never contains it.
TOKEN_PLACEHOLDER = b"\x00csrf\x00"
TOKEN_CANDIDATE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store", "max-age=0"})


def _new_version() -> int:
    # Random rather than 1: a version lost from Redis must not come back as a number whose pages still live.
    return secrets.randbits(48)


# The version as this process last read it, for a second: a page served from the cache then costs one round trip
# to Redis instead of two. A change made in this process forgets it at once; other processes see it within
# VERSION_MEMO_SECONDS.
VERSION_MEMO_SECONDS = 1.0
_memo = {"version": None, "until": 0.0}
# Pages of the remembered version this process has already read from Redis: served again without a round trip.
# A new version empties it; it holds at most LOCAL_PAGES pages (a few megabytes).
LOCAL_PAGES = 256
_local_pages: dict[str, dict] = {}


def forget_local() -> None:
    """Forget what this process remembers (the version and its pages), as after Redis was emptied."""
    _memo["version"] = None
    _local_pages.clear()


def content_version() -> int:
    now = time.monotonic()
    if _memo["version"] is not None and now < _memo["until"]:
        return _memo["version"]
    version = cache.get_or_set(VERSION_KEY, _new_version, timeout=None)
    if version != _memo["version"]:
        _local_pages.clear()
        # A page rendered under the new version shows the branch profile as it is now, not as remembered.
        forget_profile()
    _memo.update(version=version, until=now + VERSION_MEMO_SECONDS)
    return version


def bump_content_version() -> None:
    """Leaves every cached page behind. Saves and deletes call it through signals; call it after writes that
    send none (queryset.update(), bulk_create()) to records a public page shows."""
    forget_local()
    # A version lost from Redis (evicted, or none yet) starts again from a random number, not from 1.
    redis = getattr(cache, "_cache", None)
    if hasattr(redis, "get_client"):  # one round trip to Redis
        key = cache.make_and_validate_key(VERSION_KEY)
        pipeline = redis.get_client(key, write=True).pipeline(transaction=False)
        pipeline.set(key, _new_version(), nx=True)
        pipeline.incr(key)
        pipeline.execute()
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, _new_version(), timeout=None)


def is_public_model(model) -> bool:
    if issubclass(model, HistoricalChanges):  # a change's history row comes with the change itself
        return False
    label = model._meta.label_lower
    return (model._meta.app_label in PUBLIC_APPS and label not in PRIVATE_MODELS) or label in PUBLIC_CORE_MODELS


def content_changed(sender, using=None, action=None, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed."""
    if (action is not None and not action.startswith("post_")) or not is_public_model(sender):
        return
    bump_content_version()
    # Inside a transaction a page rendered before the commit, from the old rows, may be stored under the new
    # version: once more when the change is visible to every process.
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_content_version, using=using)


def migrated(sender, **kwargs) -> None:
    """Receiver of post_migrate: a deployment migrates, and its templates may show the same records otherwise."""
    if sender.name == "redcross":
        bump_content_version()


class PageCacheMiddleware:
    """Serves and stores the public pages of anonymous visitors; the last entry of MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and storable(request, response):
            cache.set(key, stored_page(request, response), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cacheable_request(request):
            return None
        key = page_key(request)
        page = _local_pages.get(key)
        if page is None:
            page = cache.get(key)
            if page is None:
                request._page_cache_key = key
                return None
            if len(_local_pages) >= LOCAL_PAGES:
                _local_pages.clear()
            _local_pages[key] = page
        return served_page(request, page)


def cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.resolver_match.view_name not in CACHED_VIEWS:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    if len(get_messages(request)):  # counting reads them without marking them as shown
        return False
    return not visitor_state(request)


def visitor_state(request) -> bool:
    """Whether the visitor is logged in or has a session with anything in it (which loads the session only when
    the request carries its cookie)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated or bool(request.session.keys())


def page_key(request) -> str:
    # Scheme and host too: a page names its own address (the article's og:url, the language switch's `next`).
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"pagecache:page:{content_version()}:{get_language()}:{address}"


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html") or response.has_header("Vary"):
        return False
    directives = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    # A nonce is one response's: a stored page would carry one that the next response's header does not.
    if getattr(request, "csp_nonce", None):
        return False
    if len(get_messages(request)):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return not (request.user.is_authenticated if hasattr(request, "user") else False)


def stored_page(request, response) -> dict:
    content = response.content
    secret = request.META.get("CSRF_COOKIE")
    has_token = False
    if secret:
        def placeholder(match):
            nonlocal has_token
            if _unmask_cipher_token(match[0].decode()) != secret:
                return match[0]
            has_token = True
            return TOKEN_PLACEHOLDER

        content = TOKEN_CANDIDATE.sub(placeholder, content)
    headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
    return {"content": content, "headers": headers, "token": has_token}


def served_page(request, page: dict) -> HttpResponse:
    content = page["content"]
    if page["token"]:
        content = content.replace(TOKEN_PLACEHOLDER, get_token(request).encode())
    return HttpResponse(content, headers=page["headers"])
