"""What the page tests measure, shared by the apps' tests."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    """Database queries of a page rendered once the branch profile is cached (after a first visit); the page
    cache is off, so that the page is rendered both times."""
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return len(queries)


def no_horizontal_scroll(page) -> bool:
    """A Playwright page fits the phone's width: nothing to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
