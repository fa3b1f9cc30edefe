import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import FacilityKind, Site, SpendingLine
from tests.pages import queries_for
from tests.projects.factories import (
    ActivityFactory,
    FacilityFactory,
    FundingLineFactory,
    ProjectFactory,
    SiteFactory,
    photo_of,
)

pytestmark = pytest.mark.django_db



def make_sites(count: int) -> list[Site]:
    kind = FacilityKind.objects.get(name="博爱广场")
    sites = []
    for _ in range(count):
        site = SiteFactory()
        FacilityFactory(site=site, kind=kind)
        FacilityFactory(site=site)
        ActivityFactory(site=site)
        sites.append(site)
    return sites


def test_the_site_list_shows_published_sites_with_status_and_facility_counts(client):
    site = SiteFactory(name="东湖社区", status=Site.Status.PILOT)
    FacilityFactory(site=site)
    FacilityFactory(site=site, kind=FacilityKind.objects.get(name="博爱广场"))
    FacilityFactory(site=site, kind=FacilityKind.objects.get(name="助老服务站"),
                   retired_on=dt.date(2025, 10, 8))
    SiteFactory(name="未发布社区", published=False)

    page = client.get("/projects/").content.decode()
    assert "东湖社区" in page and "试点" in page and "2 处设施" in page
    assert "未发布社区" not in page


def test_a_facility_shows_until_the_day_it_goes_out_of_service(client):
    today = timezone.localdate()
    gym, elderly = FacilityKind.objects.get(name="康复健身室"), FacilityKind.objects.get(name="助老服务站")
    site = SiteFactory(name="东湖社区")
    FacilityFactory(site=site, name="康复健身室", kind=gym, retired_on=today + dt.timedelta(days=30))
    FacilityFactory(site=site, name="老年食堂", kind=elderly, retired_on=today)

    page = client.get("/projects/").content.decode()
    assert "1 处设施" in page
    assert f'href="?kind={gym.pk}"' in page and f'href="?kind={elderly.pk}"' not in page
    page = client.get(site.get_absolute_url()).content.decode()
    assert "康复健身室" in page and "老年食堂" not in page


def test_sites_can_be_filtered_by_kind_of_facility(client):
    square = FacilityKind.objects.get(name="博爱广场")
    FacilityFactory(site=SiteFactory(name="有广场的社区"), kind=square)
    FacilityFactory(site=SiteFactory(name="只有书屋的社区"))

    page = client.get(f"/projects/?kind={square.pk}").content.decode()
    assert "有广场的社区" in page and "只有书屋的社区" not in page

    page = client.get("/projects/?kind=nonsense").content.decode()
    assert "没有这种设施类型" in page
    assert "有广场的社区" in page and "只有书屋的社区" in page


def test_the_site_page_makes_public_where_the_money_came_from_and_went(client):
    site = SiteFactory(name="西园社区")
    FacilityFactory(site=site, name="康复健身室", kind=FacilityKind.objects.get(name="康复健身室"),
                    opening_hours="每天 8:00-11:00")
    project = ProjectFactory(title="红十字助老活动中心", sites=[site], budget=Decimal("120000"))
    FundingLineFactory(project=project, source="provincial", amount=Decimal("80000"), received_on=dt.date(2019, 5, 15))
    FundingLineFactory(project=project, source="self_raised", amount=Decimal("40000"), received_on=dt.date(2019, 6, 1))
    SpendingLine.objects.create(project=project, source="provincial", amount=Decimal("78000"), purpose="活动中心改造",
                                spent_on=dt.date(2019, 8, 1))
    ProjectFactory(title="尚未公开的项目", sites=[site], published=False)
    ActivityFactory(site=site, title="慰问老兵")
    ActivityFactory(site=site, title="草稿活动", published=False)

    page = client.get(site.get_absolute_url()).content.decode()
    assert "康复健身室" in page and "每天 8:00-11:00" in page
    assert "红十字助老活动中心" in page
    for text in ("¥120,000.00", "¥80,000.00", "¥40,000.00", "省红十字会补助", "活动中心改造", "¥78,000.00"):
        assert text in page, text
    assert "尚未公开的项目" not in page
    assert "慰问老兵" in page and "草稿活动" not in page


def test_an_unpublished_or_missing_site_is_not_found(client):
    hidden = SiteFactory(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/projects/sites/999999/").status_code == 404


def test_activities_are_paginated_newest_first(client):
    for day in range(1, 26):
        ActivityFactory(title=f"活动{day:02d}", date=dt.date(2025, 1, day))
    first = client.get("/projects/activities/").content.decode()
    assert "活动25" in first and "活动16" in first and "活动15" not in first
    assert "第 1 页 / 共 3 页" in first
    last = client.get("/projects/activities/?page=3").content.decode()
    assert "活动05" in last and "活动01" in last
    assert client.get("/projects/activities/?page=abc").status_code == 200
    assert client.get("/projects/activities/?page=99").status_code == 200


def test_the_site_list_costs_the_same_queries_for_1_and_50_sites(client):
    make_sites(1)
    one = queries_for(client, "/projects/")
    make_sites(49)
    assert queries_for(client, "/projects/") == one


def test_a_site_page_costs_the_same_queries_however_much_it_holds(client):
    site = SiteFactory()
    project = ProjectFactory(sites=[site])
    FundingLineFactory(project=project)
    FacilityFactory(site=site)
    ActivityFactory(site=site)
    photo_of(site=site)
    small = queries_for(client, site.get_absolute_url())
    for _ in range(20):
        more = ProjectFactory(sites=[site])
        FundingLineFactory(project=more)
        FundingLineFactory(project=more, source="self_raised")
        FacilityFactory(site=site)
        ActivityFactory(site=site)
    assert queries_for(client, site.get_absolute_url()) == small


def test_the_activity_list_costs_the_same_queries_for_1_and_30_activities(client):
    ActivityFactory()
    one = queries_for(client, "/projects/activities/")
    for _ in range(29):
        ActivityFactory()
    assert queries_for(client, "/projects/activities/") == one


def test_activity_page_shows_its_figures(client):
    activity = ActivityFactory(kind="book_drive", books=350, participants=30, title="“书香博爱”募集图书")
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "募集图书 350 册" in page and "参与 30 人" in page
    hidden = ActivityFactory(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
