"""Public lists show one page's worth of rows, at the same cost and about the same size whatever the data."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.projects.factories import ActivityFactory, SiteFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import BaseFactory, CourseFactory, FirstAiderCourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 10
MANY = 150
LABEL = re.compile(r"条目(\d{3})")


def label(n: int) -> str:
    return f"条目{n:03d}"


def make_sites(numbers):
    for n in numbers:
        SiteFactory(name=label(n), town="城东街道")


def make_activities(numbers):
    site = SiteFactory(name="活动所在社区")
    for n in numbers:
        ActivityFactory(site=site, title=label(n), date=dt.date(2025, 12, 31) - dt.timedelta(days=n))


def make_bases(numbers):
    for n in numbers:
        BaseFactory(name=label(n))


def make_sessions(numbers):
    course, base = CourseFactory(), BaseFactory(name="共用基地")
    soon = timezone.now() + dt.timedelta(days=1)
    for n in numbers:
        SessionFactory(course=course, base=base, title=label(n), starts_at=soon + dt.timedelta(hours=n))


def make_articles(numbers):
    now = timezone.now()
    for n in numbers:
        ArticleFactory(title=label(n), published_at=now - dt.timedelta(hours=n + 1))


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """What is measured here is the page's rendering, not a copy from the page cache."""
    settings.PAGE_CACHE_SECONDS = 0


@dataclass
class Listing:
    url: str
    make: Callable  # creates the rows numbered so, in the order the page shows them
    item: str  # the opening tag of one row

    def __str__(self):
        return self.url


LISTINGS = [
    Listing("/projects/", make_sites, '<li class="card">'),
    Listing("/projects/activities/", make_activities, '<li class="card">'),
    Listing("/training/", make_bases, '<li class="card">'),
    Listing("/training/sessions/", make_sessions, '<li class="card">'),
    Listing("/news/", make_articles, '<li class="news-item">'),
]


@dataclass
class Visit:
    html: str
    queries: int

    @property
    def size(self) -> int:
        return len(self.html.encode())

    def rows(self, listing: Listing) -> int:
        return self.html.count(listing.item)

    @property
    def labels(self) -> list[int]:
        return list(dict.fromkeys(int(number) for number in LABEL.findall(self.html)))


def visit(client, url: str) -> Visit:
    client.get(url)  # the branch profile is then cached, as on a running portal
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return Visit(response.content.decode(), len(queries))


@pytest.mark.parametrize("listing", LISTINGS, ids=str)
def test_a_list_shows_one_page_at_the_same_cost_and_size_whatever_the_rows(client, listing):
    listing.make(range(3))
    few = visit(client, listing.url)
    listing.make(range(3, PER_PAGE + 1))
    full = visit(client, listing.url)
    listing.make(range(PER_PAGE + 1, MANY))
    many = visit(client, listing.url)

    assert few.rows(listing) == 3 and few.labels == [0, 1, 2]
    assert full.rows(listing) == many.rows(listing) == PER_PAGE
    assert many.labels == list(range(PER_PAGE))
    assert few.queries == full.queries == many.queries > 0
    assert abs(many.size - full.size) <= 0.15 * full.size


@pytest.mark.parametrize("listing", LISTINGS, ids=str)
def test_the_second_page_shows_the_next_rows_and_the_pager_is_accessible(client, listing):
    listing.make(range(PER_PAGE * 2 + 5))
    first = visit(client, listing.url)
    second = visit(client, f"{listing.url}?page=2")
    assert second.labels == list(range(PER_PAGE, PER_PAGE * 2))
    assert second.queries == first.queries

    pager = re.search(r'<nav class="pager" aria-label="分页">(.*?)</nav>', second.html, re.S).group(1)
    assert '<a href="?page=1" rel="prev">← 上一页</a>' in pager
    assert '<a href="?page=3" rel="next">下一页 →</a>' in pager
    assert '<span class="pager__where" aria-current="page">第 2 页 / 共 3 页</span>' in pager
    assert 'rel="prev"' not in first.html and 'href="?page=2" rel="next"' in first.html


@pytest.mark.parametrize("listing", LISTINGS, ids=str)
@pytest.mark.parametrize(
    ("asked", "shown"),
    [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("2.5", 1), ("9" * 5000, 3), ("99999", 3), ("3", 3)],
    ids=["words", "empty", "zero", "negative", "fraction", "too-long-to-read", "past-the-end", "last"],
)
def test_a_bad_page_number_shows_the_first_or_last_page_never_an_error(client, listing, asked, shown):
    listing.make(range(PER_PAGE * 2 + 5))
    page = visit(client, f"{listing.url}?page={asked}")
    assert page.labels == list(range(PER_PAGE * (shown - 1), min(PER_PAGE * shown, PER_PAGE * 2 + 5)))


@pytest.mark.parametrize("listing", LISTINGS, ids=str)
def test_headings_go_down_one_level_at_a_time(client, listing):
    listing.make(range(3))
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", visit(client, listing.url).html)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels


def test_page_links_keep_the_filters(client):
    course = FirstAiderCourseFactory()
    soon = timezone.now() + dt.timedelta(days=1)
    for n in range(PER_PAGE + 1):
        SessionFactory(course=course, title=label(n), starts_at=soon + dt.timedelta(hours=n))
    SessionFactory(title="别的课程")
    html = visit(client, f"/training/sessions/?course={course.pk}").html
    assert f'href="?course={course.pk}&amp;page=2" rel="next"' in html
    second = visit(client, f"/training/sessions/?course={course.pk}&page=2")
    assert second.labels == [PER_PAGE] and "别的课程" not in second.html
    assert f'href="?course={course.pk}&amp;page=1" rel="prev"' in second.html

    now = timezone.now()
    for n in range(PER_PAGE + 1):
        ArticleFactory(title=label(n), category="fraternity", published_at=now - dt.timedelta(hours=n + 1))
    html = visit(client, "/news/?category=fraternity").html
    assert 'href="?category=fraternity&amp;page=2" rel="next"' in html

    for n in range(PER_PAGE + 1):
        BaseFactory(name=label(n))
    html = visit(client, "/training/?lat=32.5&lng=120.4").html
    assert 'href="?lat=32.5&amp;lng=120.4&amp;page=2" rel="next"' in html


def test_the_sessions_filter_offers_a_list_of_bases_only_while_it_is_short(client):
    few = [BaseFactory(name=f"基地{n:02d}") for n in range(20)]
    SessionFactory(base=few[0], title="在基地00的课")
    SessionFactory(base=few[1], title="在基地01的课")
    html = visit(client, "/training/sessions/").html
    assert re.findall(r'<option value="\d+">(基地\d\d)</option>', html) == [base.name for base in few]
    short = visit(client, f"/training/sessions/?base={few[0].pk}")
    assert f'<option value="{few[0].pk}" selected>基地00</option>' in short.html

    BaseFactory(name="第二十一个基地")
    many = visit(client, f"/training/sessions/?base={few[0].pk}")
    assert 'name="base"' in many.html and "<select name=\"base\"" not in many.html
    assert f'<input type="hidden" name="base" value="{few[0].pk}">' in many.html
    assert "在基地00的课" in many.html and "在基地01的课" not in many.html
    assert f'href="{few[0].get_absolute_url()}" aria-current="true">基地00</a>' in many.html
    assert many.queries == short.queries
    assert "基地05" not in many.html


def test_a_site_page_shows_its_latest_activities_and_links_to_all_of_them(client):
    site = SiteFactory(name="东湖社区")
    ActivityFactory(site=site, title="唯一的活动")
    html = visit(client, site.get_absolute_url()).html
    assert "唯一的活动" in html and f"?site={site.pk}" not in html

    for n in range(PER_PAGE + 5):
        ActivityFactory(site=site, title=label(n), date=dt.date(2026, 6, 30) - dt.timedelta(days=n))
    ActivityFactory(title="别处的活动")
    detail = visit(client, site.get_absolute_url())
    assert detail.labels == [0, 1, 2, 3, 4]
    assert f'href="/projects/activities/?site={site.pk}"' in detail.html

    listing = visit(client, f"/projects/activities/?site={site.pk}")
    assert listing.labels == list(range(PER_PAGE)) and "别处的活动" not in listing.html
    assert f'href="?site={site.pk}&amp;page=2" rel="next"' in listing.html
    assert visit(client, f"/projects/activities/?site={site.pk}&page=2").labels == [10, 11, 12, 13, 14]


@pytest.mark.parametrize("asked", ["abc", "999999", "99999999999999999999999", ""])
def test_activities_of_an_unknown_site_are_all_activities_with_a_notice(client, asked):
    ActivityFactory(title="某个活动")
    hidden = SiteFactory(published=False)
    ActivityFactory(site=hidden, title="未公开社区的活动", published=True)
    for site in (asked, str(hidden.pk)):
        html = visit(client, f"/projects/activities/?site={site}").html
        assert 'class="notice"' in html and "某个活动" in html and "未公开社区的活动" not in html


def test_a_base_shows_its_next_sessions_and_links_to_all_of_them(client):
    base = BaseFactory(name="科普园基地")
    soon = timezone.now() + dt.timedelta(days=1)
    SessionFactory(base=base, title=label(0), starts_at=soon)
    html = visit(client, base.get_absolute_url()).html
    assert f"?base={base.pk}" not in html

    for n in range(1, 40):
        SessionFactory(base=base, title=label(n), starts_at=soon + dt.timedelta(hours=n))
    detail = visit(client, base.get_absolute_url())
    assert detail.labels == [0, 1, 2, 3, 4]
    assert f'href="/training/sessions/?base={base.pk}"' in detail.html
    card = visit(client, "/training/")
    assert card.labels == [0, 1, 2]
    sessions = visit(client, f"/training/sessions/?base={base.pk}&page=4")
    assert sessions.labels == list(range(30, 40))
