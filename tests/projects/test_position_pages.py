"""The public pages of positions (红十字阵地): found by kind and area, each with what a visitor may do there, the
standard it meets and its visiting times; memorial places only with the consent to publish."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from projects import services
from projects.models import (
    Assessment,
    AssessmentEvidence,
    FacilityKind,
    GroupBooking,
    PositionKind,
    PositionStandard,
    Site,
    StandardItem,
    VisitSlot,
)
from tests.projects.factories import ActivityFactory, FacilityFactory, SiteFactory, photo_of

pytestmark = pytest.mark.django_db
Result = Assessment.Result
HALL, HOSPITAL, MEMORIAL, HOME = "急救逃生体验场馆", "冠名医疗机构", "捐献缅怀纪念场所", "博爱家园"


def kind(name: str) -> PositionKind:
    return PositionKind.objects.get(name=name)


def position(name: str, kind_name: str = HALL, **values) -> Site:
    return SiteFactory(name=name, position_kind=kind(kind_name), **values)


def standard(kind_name: str, year: int, items=("有红十字标识", "有救护培训", "有志愿服务队")) -> PositionStandard:
    made = services.standard_save(standard=PositionStandard(
        kind=kind(kind_name), year=year, title=f"{kind_name}建设标准", issued_by="市红十字会",
        notes="内部备注：只给工作人员",
    ))
    for order, text in enumerate(items, start=1):
        services.standard_item_save(item=StandardItem(standard=made, order=order, text=text, evidence="现场照片"))
    return made


def assess(site: Site, of: PositionStandard, on: dt.date, result: str, note: str = "") -> Assessment:
    met = result == Result.PASSED
    return services.assessment_save(
        assessment=Assessment(site=site, standard=of, assessed_on=on, result=result, assessors="评估员甲",
                              notes="评估意见：消防通道需整改"),
        items={item.pk: (met, note) for item in of.items.all()},
    )


def slot(site: Site, days: int = 7, hour: int = 9, capacity: int = 40, **values) -> VisitSlot:
    return services.slot_save(slot=VisitSlot(
        site=site, date=timezone.localdate() + dt.timedelta(days=days), starts_at=dt.time(hour),
        ends_at=dt.time(hour + 1, 30), capacity=capacity, **values,
    ))


def book(at: VisitSlot, n: int = 0, headcount: int = 10) -> GroupBooking:
    return services.booking_request(slot=at, booking=GroupBooking(
        organisation=f"实验小学{n}", contact_name="王老师", mobile=f"1380013{n:04d}", headcount=headcount,
        age_group=GroupBooking.AgeGroup.PRIMARY,
    ))


def last_year() -> int:
    return timezone.localdate().year - 1


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title">([^<]+?) <span', html)


def test_positions_are_listed_by_kind_with_the_number_of_each(client):
    hall = kind(HALL)
    position("市急救逃生体验馆")
    position("开发区急救体验馆")
    position("市第一人民医院", HOSPITAL)
    SiteFactory(name="东湖社区")
    position("未发布的体验馆", published=False)

    page = client.get("/projects/").content.decode()
    assert re.search(rf'href="\?position_kind={hall.pk}">{HALL} <span class="chip__count">2</span>', page)
    assert re.search(r'aria-current="true">[^<]+<span class="chip__count">4</span>', page)  # 全部 4
    assert sorted(card_titles(page)) == sorted(["市急救逃生体验馆", "开发区急救体验馆", "市第一人民医院", "东湖社区"])

    page = client.get(f"/projects/?position_kind={hall.pk}").content.decode()
    assert sorted(card_titles(page)) == sorted(["市急救逃生体验馆", "开发区急救体验馆"])
    assert re.search(rf'<h1 class="page-title">{HALL}</h1>', page)
    assert f'href="?position_kind={hall.pk}" aria-current="true"' in page


def test_a_kind_with_no_public_position_or_unpublished_is_not_offered(client):
    memorial, hospital = kind(MEMORIAL), kind(HOSPITAL)
    position("无人知晓的纪念园", MEMORIAL)  # no consent on record
    position("市第一人民医院", HOSPITAL)
    hospital.published = False
    services.position_kind_save(kind=hospital)

    page = client.get("/projects/").content.decode()
    assert f"position_kind={memorial.pk}" not in page and f"position_kind={hospital.pk}" not in page
    assert "无人知晓的纪念园" not in page and "市第一人民医院" not in page
    page = client.get(f"/projects/?position_kind={hospital.pk}").content.decode()
    assert gettext("There is no such kind of position; all kinds are shown.") in page
    assert "市第一人民医院" not in page


def test_positions_are_found_by_area_and_kind_together(client):
    hall = kind(HALL)
    position("城东体验馆", town="城东街道")
    position("城西体验馆", town="城西街道")
    SiteFactory(name="城西社区", town="城西街道")

    page = client.get("/projects/?town=城西街道").content.decode()
    assert sorted(card_titles(page)) == ["城西体验馆", "城西社区"]
    assert '<option value="城西街道" selected>城西街道</option>' in page
    page = client.get(f"/projects/?town=城西街道&position_kind={hall.pk}").content.decode()
    assert card_titles(page) == ["城西体验馆"]
    # Choosing a kind keeps the area, and choosing all kinds too.
    assert f'href="?position_kind={hall.pk}&amp;town=%E5%9F%8E%E8%A5%BF%E8%A1%97%E9%81%93"' in page
    assert 'href="/projects/?town=%E5%9F%8E%E8%A5%BF%E8%A1%97%E9%81%93"' in page


@pytest.mark.parametrize("query", [
    "position_kind=abc", "position_kind=999999", "position_kind=", "position_kind=1%00", "town=火星街道",
    "town=%00", "town=" + "长" * 500, "kind=zz&position_kind=-1&town=%E2%80%AE",
])
def test_unknown_filters_get_a_message_and_every_position_never_an_error(client, query):
    position("城东体验馆", town="城东街道")
    SiteFactory(name="城西社区", town="城西街道")
    response = client.get(f"/projects/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert sorted(card_titles(page)) == ["城东体验馆", "城西社区"]
    if query.startswith("town=") and query != "town=":
        assert gettext("There is no position in that area; all areas are shown.") in page
    if query.startswith("position_kind=") and query != "position_kind=":
        assert gettext("There is no such kind of position; all kinds are shown.") in page


def test_with_many_areas_the_visitor_types_one(client, settings):
    for n in range(42):
        SiteFactory(name=f"社区{n:02d}", town=f"第{n:02d}街道")
    page = client.get("/projects/?town=第07街道").content.decode()
    assert '<input type="search" name="town"' in page and "<select name=\"town\"" not in page
    assert card_titles(page) == ["社区07"]
    page = client.get("/projects/?town=没有的街道").content.decode()
    assert card_titles(page) == [] and gettext("No position matches this choice yet.") in page


def test_a_card_shows_the_kind_and_the_status_as_of_today(client):
    year = last_year()
    of = standard(HOSPITAL, year)
    passed = position("市第一人民医院", HOSPITAL)
    assess(passed, of, dt.date(year, 3, 1), Result.IN_PROGRESS)
    assess(passed, of, dt.date(year, 9, 1), Result.PASSED)
    failed = position("市第二人民医院", HOSPITAL)
    assess(failed, of, dt.date(year, 3, 1), Result.PASSED)
    assess(failed, of, dt.date(year, 10, 1), Result.FAILED)
    position("市中医院", HOSPITAL)

    page = client.get("/projects/").content.decode()
    cards = dict(re.findall(r'<h2 class="card__title">([^<]+?) <span.*?<p class="card__meta">(.*?)</p>', page, re.S))
    assert pgettext("assessment result", "meets the standard") in cards["市第一人民医院"]
    assert 'badge-status--passed' in cards["市第一人民医院"]
    assert pgettext("assessment result", "failed the re-check") in cards["市第二人民医院"]
    assert cards["市中医院"].startswith(HOSPITAL) and "badge-status" not in cards["市中医院"]


def test_memorial_places_are_public_only_with_the_consent_to_publish(client):
    hidden = position("无名纪念园", MEMORIAL, town="城南街道")
    shown = position("遗体捐献者纪念园", MEMORIAL, publish_consent=True, consent_note="家属代表书面同意")
    activity = ActivityFactory(site=hidden, title="清明缅怀活动")
    ActivityFactory(site=shown, title="公开的缅怀活动")
    hidden_slot, shown_slot = slot(hidden), slot(shown)

    listing = client.get("/projects/").content.decode()
    assert "无名纪念园" not in listing and "遗体捐献者纪念园" in listing
    assert "城南街道" not in listing  # not even its area
    assert re.search(rf'{MEMORIAL} <span class="chip__count">1</span>', listing)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 200
    activities = client.get("/projects/activities/").content.decode()
    assert "清明缅怀活动" not in activities and "公开的缅怀活动" in activities
    assert client.get(activity.get_absolute_url()).status_code == 404
    assert "清明缅怀活动" not in client.get(f"/projects/activities/?site={hidden.pk}").content.decode()
    assert client.get(f"/projects/slots/{hidden_slot.pk}/book/").status_code == 404
    assert client.get(f"/projects/slots/{shown_slot.pk}/book/").status_code == 200


def test_a_position_page_says_what_visitors_do_when_it_opens_and_how_to_get_there(client):
    hall = kind(HALL)
    hall.what_visitors_do = "体验心肺复苏、AED 使用和火场逃生。"
    services.position_kind_save(kind=hall)
    site = position("市急救逃生体验馆", opening_hours="周二至周日 9:00–17:00", phone="0513-12345678",
                    address="科普路 8 号", latitude=Decimal("32.5341"), longitude=Decimal("120.4598"))
    photo_of(site=site)

    page = client.get(site.get_absolute_url()).content.decode()
    assert "体验心肺复苏、AED 使用和火场逃生。" in page
    assert "周二至周日 9:00–17:00" in page
    assert '<a href="tel:0513-12345678">0513-12345678</a>' in page
    assert "科普路 8 号" in page and "uri.amap.com/marker" in page
    assert '<img src="/media/' in page
    assert f'href="/projects/?position_kind={hall.pk}">{HALL}</a>' in page


def test_the_page_shows_the_items_of_the_standard_met_and_never_the_assessors_notes(client):
    year = last_year()
    of = standard(HOSPITAL, year, items=("有红十字标识", "有救护员", "有应急救护培训"))
    site = position("市第一人民医院", HOSPITAL)
    passed = assess(site, of, dt.date(year, 9, 1), Result.PASSED, note="条目备注：标识偏小")
    evidence = AssessmentEvidence(assessment=passed, caption="证据照片说明")
    evidence.file.save("evidence.pdf", ContentFile(b"%PDF-1.4 evidence"), save=False)
    services.evidence_save(evidence=evidence)

    page = client.get(site.get_absolute_url()).content.decode()
    section = re.search(r'<section aria-labelledby="standard-title">(.*?)</section>', page, re.S)[1]
    assert f"{HOSPITAL}建设标准" in section and str(year) in section
    assert re.findall(r"<li>(.*?)</li>", section) == ["有红十字标识", "有救护员", "有应急救护培训"]
    for private in ("评估意见", "条目备注", "证据照片说明", "evidence", "评估员甲", "内部备注", "现场照片"):
        assert private not in page, private


def test_no_standard_is_claimed_after_a_failed_re_check_or_before_any_pass(client):
    year = last_year()
    of = standard(HOSPITAL, year)
    failed = position("市第二人民医院", HOSPITAL)
    assess(failed, of, dt.date(year, 3, 1), Result.PASSED)
    assess(failed, of, dt.date(year, 10, 1), Result.FAILED)
    building = position("市中医院", HOSPITAL)
    assess(building, of, dt.date(year, 3, 1), Result.IN_PROGRESS)

    for site in (failed, building):
        page = client.get(site.get_absolute_url()).content.decode()
        assert 'aria-labelledby="standard-title"' not in page and "有红十字标识" not in page


def test_a_closed_site_claims_no_status_or_standard(client):
    year = last_year()
    of = standard(HOSPITAL, year)
    closed = position("旧院区", HOSPITAL, status=Site.Status.CLOSED, closed_on=dt.date(year, 12, 1))
    assess(closed, of, dt.date(year, 9, 1), Result.PASSED)

    listing = client.get("/projects/").content.decode()
    assert "旧院区" in listing and "badge-status--passed" not in listing
    page = client.get(closed.get_absolute_url()).content.decode()
    assert 'aria-labelledby="standard-title"' not in page and "badge-status--passed" not in page


def test_the_kinds_of_facility_offered_follow_the_kind_of_position(client):
    square = FacilityKind.objects.get(name="博爱广场")
    FacilityFactory(site=SiteFactory(name="东湖社区"), kind=square)
    position("市急救逃生体验馆")
    home, hall = kind(HOME), kind(HALL)
    page = client.get(f"/projects/?position_kind={home.pk}").content.decode()
    assert f'href="?position_kind={home.pk}&amp;kind={square.pk}"' in page
    page = client.get(f"/projects/?position_kind={hall.pk}").content.decode()
    assert "&amp;kind=" not in page and gettext("Filter by kind of facility") not in page
    assert card_titles(page) == ["市急救逃生体验馆"]
