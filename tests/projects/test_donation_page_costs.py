"""What the disclosure costs and reads: the same queries for one gift or many, pages from the cache until staff record
a gift or a use, and never a donor's phone, address or note read from the database."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import services
from tests.core.cached_pages import from_cache, rendered, turn_on
from tests.pages import queries_for
from tests.projects.donating import OCTOBER_PAGE, anonymous, gift, use
from tests.projects.test_donation_pages import every_public_response

pytestmark = pytest.mark.django_db


def more_of_everything(project, count: int) -> None:
    for number in range(count):
        day = dt.date(2025, 10, 1 + number % 28)
        donation = gift(day, "100.00", direction="project", project=project)
        use(donation, day, "40.00", target="project", project=project)
        use(anonymous(day, "50.00"), day, "10.00", target="relief", description="慰问", people_helped=2)


@pytest.mark.parametrize("query", ["", "?list=used"])
def test_a_month_costs_the_same_queries_for_one_gift_or_many(client, school_project, query):
    more_of_everything(school_project, 1)
    few = queries_for(client, OCTOBER_PAGE + query)
    more_of_everything(school_project, 30)
    assert queries_for(client, OCTOBER_PAGE + query) == few


@pytest.mark.parametrize("query", ["", "?list=used"])
def test_a_project_page_costs_the_same_queries_for_one_gift_or_many(client, school_project, query):
    url = f"/projects/donations/projects/{school_project.pk}/{query}"
    more_of_everything(school_project, 1)
    few = queries_for(client, url)
    more_of_everything(school_project, 30)
    assert queries_for(client, url) == few


def test_the_pages_come_from_the_cache_until_staff_record_a_gift_or_a_use(settings, october, school_project):
    turn_on(settings)
    project_url = f"/projects/donations/projects/{school_project.pk}/"
    pages = {
        "month": OCTOBER_PAGE,
        "month uses": OCTOBER_PAGE + "?list=used",
        "project": project_url,
        "project uses": project_url + "?list=used",
        "latest": "/projects/donations/",
    }

    def changed_pages() -> dict[str, str]:
        """Each page, rendered anew (it is stale), then served from the cache."""
        shown = {name: rendered(url).content.decode() for name, url in pages.items()}
        for url in pages.values():
            from_cache(url)
        return shown

    changed_pages()
    late = gift(dt.date(2025, 10, 30), "4321.00", direction="project", project=school_project)
    shown = changed_pages()
    assert "¥4,321.00" in shown["month"] and "¥4,321.00" in shown["project"]
    used = use(late, dt.date(2025, 10, 31), "321.00", target="project", project=school_project)
    shown = changed_pages()
    assert "¥321.00" in shown["month uses"] and "¥321.00" in shown["project uses"]
    services.allocation_delete(allocation=used)
    shown = changed_pages()
    assert "¥321.00" not in shown["month uses"]


def test_the_pages_and_files_never_read_a_donors_phone_address_or_note_from_the_database(
    client, october, school_project
):
    with CaptureQueriesContext(connection) as queries:
        every_public_response(client, school_project)
    read = " ".join(query["sql"] for query in queries)
    assert '"projects_donation"."receipt_number"' in read
    for column in ("phone", "address", "note"):
        assert f'"projects_donation"."{column}"' not in read, column
