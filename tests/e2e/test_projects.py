import datetime as dt
import re
from decimal import Decimal

from playwright.sync_api import expect

from projects.models import FacilityKind
from tests.pages import images_arrive, no_horizontal_scroll
from tests.projects.factories import (
    ActivityFactory,
    FacilityFactory,
    FundingLineFactory,
    ProjectFactory,
    SiteFactory,
    photo_of,
)


def test_a_citizen_finds_a_fraternity_home_and_sees_its_money_on_a_phone(live_server, page, transactional_db):
    site = SiteFactory(name="东湖社区", town="城东街道", latitude=Decimal("32.5341"), longitude=Decimal("120.4598"))
    photo_of(site=site)
    square = FacilityKind.objects.get(name="博爱广场")
    FacilityFactory(site=site, name="博爱广场", kind=square, opening_hours="全天开放")
    FacilityFactory(site=SiteFactory(name="西园社区"), name="康复健身室",
                    kind=FacilityKind.objects.get(name="康复健身室"))
    project = ProjectFactory(title="东湖社区博爱家园建设", sites=[site], budget=Decimal("200000"))
    FundingLineFactory(project=project, source="provincial", amount=Decimal("100000"))
    ActivityFactory(site=site, title="救护知识情景剧汇演", kind="drama", date=dt.date(2025, 10, 1))

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="红十字阵地").click()
    expect(page.get_by_role("heading", name="红十字阵地", level=1)).to_be_visible()
    page.get_by_role("navigation", name="按阵地类型筛选").get_by_role("link", name=re.compile("博爱家园")).click()
    expect(page.get_by_role("heading", name="博爱家园", level=1)).to_be_visible()
    page.get_by_role("link", name="博爱广场").click()
    expect(page.get_by_role("link", name=re.compile("东湖社区"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("西园社区"))).to_have_count(0)
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name=re.compile("东湖社区")).click()
    expect(page.get_by_role("heading", name=re.compile("东湖社区"), level=1)).to_be_visible()
    expect(page.get_by_text("开放时间：全天开放")).to_be_visible()
    expect(page.get_by_role("link", name="导航前往")).to_have_attribute("href", re.compile(r"uri\.amap\.com"))
    money = page.locator(".money-card")
    expect(money).to_contain_text("¥200,000.00")
    expect(money).to_contain_text("省红十字会补助")
    expect(money).to_contain_text("¥100,000.00")
    images_arrive(page)
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="救护知识情景剧汇演").click()
    expect(page.get_by_role("heading", name="救护知识情景剧汇演")).to_be_visible()
    assert no_horizontal_scroll(page)


def test_the_activity_list_pages_on_a_phone(live_server, page, transactional_db):
    for day in range(1, 13):
        ActivityFactory(title=f"入户助老服务{day:02d}", kind="home_visit", date=dt.date(2025, 3, day))
    page.goto(live_server.url + "/projects/activities/")
    expect(page.locator(".card")).to_have_count(10)
    page.get_by_role("link", name=re.compile("下一页")).click()
    expect(page.locator(".card")).to_have_count(2)
    expect(page.get_by_text("第 2 页 / 共 2 页")).to_be_visible()
    assert no_horizontal_scroll(page)
