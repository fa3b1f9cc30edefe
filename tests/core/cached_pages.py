"""What the page cache's tests share: the cache turned on, and a page told apart by whether it was rendered."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from redcross.models import BranchProfile

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def turn_on(settings) -> None:
    """The page cache as in production."""
    settings.PAGE_CACHE_SECONDS = 300
    # Made on the first page otherwise, which (as any change) leaves that page unstored.
    BranchProfile.load()


def without_tokens(content: bytes) -> str:
    return TOKEN.sub("", content.decode())


def token_of(response) -> str:
    return TOKEN.search(response.content.decode())[1]


def visit(path: str, visitor=None):
    """The page a visitor (by default a new one) gets, and the database queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = (visitor or Client()).get(path)
    assert response.status_code == 200, path
    return response, len(queries)


def from_cache(path: str, visitor=None):
    response, queries = visit(path, visitor)
    assert queries == 0, f"{path} was rendered"
    return response


def rendered(path: str, visitor=None):
    response, queries = visit(path, visitor)
    assert queries > 0, f"{path} came from the cache"
    return response
