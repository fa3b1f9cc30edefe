"""Red Cross positions on a phone: a citizen finds one by kind, and a teacher books a group visit."""

import datetime as dt
import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from projects import services
from projects.models import (
    Assessment,
    GroupBooking,
    Photo,
    PositionKind,
    PositionStandard,
    Site,
    StandardItem,
    VisitSlot,
)
from redcross.models import TextMessage
from tests.pages import images_arrive, no_horizontal_scroll
from tests.projects.factories import jpeg_bytes

HALL = "急救逃生体验场馆"
# Long enough to need two lines on a phone.
SCHOOL = "崇川区实验小学教育集团（东校区）附属幼儿园"


def a_position(name: str, kind_name: str, **values) -> Site:
    site = services.site_save(site=Site(
        name=name, position_kind=PositionKind.objects.get(name=kind_name), status=Site.Status.BUILT,
        started_on=dt.date(2023, 3, 1), built_on=dt.date(2024, 6, 1), published=True, **values,
    ))
    services.photo_save(photo=Photo(site=site, image=ContentFile(jpeg_bytes(), name="photo.jpg")))
    return site


def the_hall() -> Site:
    kind = PositionKind.objects.get(name=HALL)
    kind.what_visitors_do = "在模拟场景中练习心肺复苏、AED 使用和火场逃生。"
    services.position_kind_save(kind=kind)
    return a_position(
        "市急救逃生体验馆", HALL, town="城西街道", address="科普路 8 号，气象科普园东门",
        latitude=Decimal("32.5188"), longitude=Decimal("120.4102"), opening_hours="周二至周日 9:00–17:00",
        phone="0513-12345678",
    )


def passed_assessment(site: Site) -> None:
    year = timezone.localdate().year - 1
    standard = services.standard_save(standard=PositionStandard(
        kind=site.position_kind, year=year, title="急救逃生体验场馆建设标准", issued_by="市红十字会"))
    items = [services.standard_item_save(item=StandardItem(standard=standard, order=order, text=text))
             for order, text in enumerate(("有红十字标识", "有持证讲解员", "有 AED 实操设备"), start=1)]
    services.assessment_save(
        assessment=Assessment(site=site, standard=standard, assessed_on=dt.date(year, 9, 1),
                              result=Assessment.Result.PASSED, notes="评估意见：仅供内部"),
        items={item.pk: (True, "") for item in items},
    )


def test_a_citizen_finds_a_position_by_kind_on_a_phone(live_server, page, csp_violations):
    hall = the_hall()
    passed_assessment(hall)
    a_position("东湖社区", "博爱家园", town="城东街道", address="东湖路 8 号")
    a_position("市第一人民医院", "冠名医疗机构", town="城东街道")

    page.goto(live_server.url + "/projects/")
    expect(page.get_by_role("link", name=re.compile("东湖社区"))).to_be_visible()
    assert no_horizontal_scroll(page)

    page.get_by_role("navigation", name=gettext("Filter by kind of position")).get_by_role(
        "link", name=re.compile(HALL)).click()
    expect(page.get_by_role("heading", name=HALL, level=1)).to_be_visible()
    expect(page.get_by_text("在模拟场景中练习心肺复苏")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("东湖社区"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("市第一人民医院"))).to_have_count(0)
    card = page.get_by_role("link", name=re.compile("市急救逃生体验馆"))
    expect(card).to_contain_text(pgettext("assessment result", "meets the standard"))
    assert no_horizontal_scroll(page)

    card.click()
    expect(page.get_by_role("heading", name=re.compile("市急救逃生体验馆"), level=1)).to_be_visible()
    expect(page.get_by_text("周二至周日 9:00–17:00")).to_be_visible()
    expect(page.get_by_role("link", name="0513-12345678")).to_have_attribute("href", "tel:0513-12345678")
    expect(page.get_by_role("link", name="导航前往")).to_have_attribute("href", re.compile(r"uri\.amap\.com"))
    standard = page.locator("section", has=page.get_by_role("heading", name=gettext("The standard it meets")))
    expect(standard.get_by_role("listitem")).to_have_text(["有红十字标识", "有持证讲解员", "有 AED 实操设备"])
    expect(page.get_by_text("评估意见")).to_have_count(0)
    images_arrive(page)
    assert no_horizontal_scroll(page)
    assert csp_violations == []


def test_a_teacher_books_a_group_visit_and_cancels_it_on_a_phone(live_server, page, settings, csp_violations):
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SEND_INLINE = True
    hall = the_hall()
    day = timezone.localdate() + dt.timedelta(days=5)
    services.slot_save(slot=VisitSlot(site=hall, date=day, starts_at=dt.time(9), ends_at=dt.time(10, 30),
                                      capacity=40, note="请提前 10 分钟到场"))
    full = services.slot_save(slot=VisitSlot(site=hall, date=day, starts_at=dt.time(14), ends_at=dt.time(15, 30),
                                             capacity=20))
    services.booking_request(slot=full, booking=GroupBooking(
        organisation="第二中学", contact_name="李老师", mobile="13800138000", headcount=20, age_group="secondary"))

    page.goto(live_server.url + hall.get_absolute_url())
    visits = page.locator("#visits")
    expect(visits.get_by_text(gettext("Fully booked"))).to_be_visible()
    expect(visits.get_by_role("link", name=pgettext("group visit", "Book"))).to_have_count(1)
    assert no_horizontal_scroll(page)
    visits.get_by_role("link", name=pgettext("group visit", "Book")).click()

    expect(page.get_by_role("heading", name=gettext("Book a group visit"), level=1)).to_be_visible()
    page.get_by_label(gettext("School or organisation")).fill(SCHOOL)
    page.get_by_label(gettext("Contact person")).fill("王芳")
    page.get_by_role("textbox", name=re.compile("^手机号码")).fill("13912345678")
    page.get_by_label(gettext("Number of visitors")).fill("45")
    page.get_by_label(gettext("Age group")).select_option("primary")
    page.get_by_label(gettext("I agree that the branch uses this mobile number for this visit")).check()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name=gettext("Send the request")).click()
    expect(page.get_by_text(gettext(
        "Only %(free)s places are left at this time: come with fewer people or choose another time.") % {"free": 40},
    )).to_be_visible()
    expect(page.get_by_label(gettext("School or organisation"))).to_have_value(SCHOOL)
    assert GroupBooking.objects.filter(mobile="13912345678").count() == 0

    page.get_by_label(gettext("Number of visitors")).fill("38")
    page.get_by_role("button", name=gettext("Send the request")).click()
    expect(page.locator(".result__title")).to_have_text(capfirst(pgettext("group booking", "awaiting confirmation")))
    expect(page.get_by_text("139****5678")).to_be_visible()
    expect(page.get_by_text("13912345678")).to_have_count(0)
    expect(page.get_by_text("科普路 8 号，气象科普园东门")).to_be_visible()
    expect(page.get_by_text(SCHOOL)).to_be_visible()
    booking = GroupBooking.objects.get(mobile="13912345678")
    assert (booking.status, booking.headcount, booking.organisation) == (GroupBooking.Status.REQUESTED, 38, SCHOOL)
    assert TextMessage.objects.filter(kind=TextMessage.Kind.VISIT_REQUESTED, mobile="13912345678").count() == 1
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name=gettext("Cancel this booking")).click()
    page.get_by_role("button", name="确定取消").click()
    expect(page.get_by_text(gettext("Your booking is cancelled. Thank you for letting us know."))).to_be_visible()
    expect(page.locator(".result__title")).to_have_text(capfirst(pgettext("group booking", "cancelled")))
    booking.refresh_from_db()
    assert booking.status == GroupBooking.Status.CANCELLED
    assert csp_violations == []
