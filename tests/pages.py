"""What the page tests measure, shared by the apps' tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    """Database queries of a page once the branch profile is cached (after a first visit)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def no_horizontal_scroll(page) -> bool:
    """A Playwright page fits the phone's width: nothing to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
