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


def images_arrive(page) -> None:
    """Every image on the page loads (thumbnails are made on their first request, which a busy machine takes a
    while over): waits for them, and fails after Playwright's timeout."""
    page.wait_for_function("[...document.images].every(img => img.complete && img.naturalWidth > 0)")
