"""Public pages served from the cache: the same page for every anonymous visitor, without a query, in each
language and for each address, with the headers of a fresh one."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.core.cached_pages import from_cache, rendered, turn_on, without_tokens
from tests.projects.factories import ActivityFactory, SiteFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import BaseFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/en/", "/projects/", "/projects/activities/", "/training/", "/training/sessions/",
                "/training/privacy/", "/news/", "/en/news/", "/news/?page=1"]
# Headers every response carries, set per response by the middleware around the cache.
SECURITY_HEADERS = ["Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Resource-Policy",
                    "Cross-Origin-Opener-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Content-Language"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    turn_on(settings)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_second_anonymous_visitor_gets_the_same_page_without_a_query(client, path):
    first = client.get(path)
    assert first.status_code == 200
    second = from_cache(path)
    assert without_tokens(second.content) == without_tokens(first.content)
    again = from_cache(path, visitor=client)
    assert without_tokens(again.content) == without_tokens(first.content)


def test_record_pages_are_cached_too(client):
    site = SiteFactory()
    paths = [site.get_absolute_url(), ActivityFactory(site=site).get_absolute_url(),
             BaseFactory().get_absolute_url(), ArticleFactory().get_absolute_url()]
    for path in paths:
        assert client.get(path).status_code == 200, path
        from_cache(path)


def test_a_head_request_is_answered_from_the_cache(client):
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        head = Client().head("/news/")
    assert (head.status_code, head.content, len(queries)) == (200, b"", 0)


def test_each_query_string_is_its_own_page(client):
    first = without_tokens(client.get("/news/").content)
    second = without_tokens(client.get("/news/?page=2").content)
    assert first != second  # the language switch's `next` names the address
    assert without_tokens(Client().get("/news/?page=2").content) == second
    assert without_tokens(Client().get("/news/").content) == first


def test_english_and_chinese_are_cached_apart(client):
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    client.get("/en/")
    chinese = from_cache("/").content.decode()
    english = from_cache("/en/").content.decode()
    assert '<html lang="zh-Hans">' in chinese and "首页" in chinese
    assert '<html lang="en">' in english and "首页" not in english
    # The language is the address's, never the browser's: an English browser at / still gets the Chinese page.
    assert '<html lang="zh-Hans">' in Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_cached_page_carries_the_same_security_headers(client):
    fresh = client.get("/news/")
    cached = from_cache("/news/")
    for header in SECURITY_HEADERS:
        assert cached.headers[header] == fresh.headers[header], header
    assert "Cookie" in cached.headers["Vary"]


def test_nothing_is_cached_when_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/news/")
    rendered("/news/")


def test_the_cache_keeps_one_redis_client_per_pool():
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
