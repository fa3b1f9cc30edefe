import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from tests.pages import no_horizontal_scroll
from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    FirstAiderCourseFactory,
    SessionFactory,
    TraineeFactory,
)
from training.models import Registration


def test_a_citizen_finds_a_base_signs_up_and_cancels_on_a_phone(live_server, page, transactional_db, csp_violations):
    near = BaseFactory(name="人力资源产业园基地", address="创业路 66 号", latitude=Decimal("32.5602"),
                       longitude=Decimal("120.4483"))
    BaseFactory(name="气象科普园基地", latitude=Decimal("32.4000"), longitude=Decimal("120.4102"))
    SessionFactory(base=near, title="周六应急救护普及", seats=20)

    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 32.5601, "longitude": 120.4480})
    page.goto(live_server.url + "/training/")
    page.get_by_role("button", name="离我最近").click()
    expect(page.get_by_role("status")).to_have_text("已按距离由近到远排列。")
    first = page.locator(".card__title").first
    expect(first).to_contain_text("人力资源产业园基地")
    expect(page.get_by_text("距您 0.0 公里")).to_be_visible()
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name=re.compile("周六应急救护普及")).click()
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("手机号码").fill("1380013800")
    page.get_by_label("我同意为本次培训使用我的个人信息").check()
    page.get_by_role("button", name="报名").click()
    expect(page.locator("#error_1_id_mobile, .invalid-feedback").first).to_contain_text("11位手机号码")
    expect(page.get_by_label("姓名")).to_have_value("王芳")
    assert Registration.objects.count() == 0

    page.get_by_label("手机号码").fill("13800138000")
    page.get_by_label("我同意为本次培训使用我的个人信息").check()
    page.get_by_role("button", name="报名").click()
    expect(page.get_by_text("报名成功，您已获得座位。")).to_be_visible()
    code = Registration.objects.get().code
    expect(page.locator(".code")).to_have_text(code)
    expect(page.get_by_text("138****8000")).to_be_visible()
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="取消报名").click()
    page.get_by_role("button", name="确定取消").click()
    expect(page.get_by_text("报名已取消，感谢您及时告知。")).to_be_visible()
    assert Registration.objects.get().status == "cancelled"
    assert csp_violations == []


def test_an_employer_checks_a_certificate_on_a_phone(live_server, page, transactional_db):
    CertificateFactory(number="HA-2025-00017", trainee=TraineeFactory(name="王小芳"), issued_on=dt.date(2025, 6, 1),
                       expires_on=dt.date(2099, 6, 1))
    page.goto(live_server.url + "/training/")
    page.get_by_role("link", name="证书查询").click()
    page.get_by_label("证书编号").fill("HA-2025-00017")
    page.get_by_label("持证人姓名").fill("王小芳")
    page.get_by_role("button", name="查询").click()
    result = page.get_by_role("status")
    expect(result).to_contain_text("有效证书")
    expect(result).to_contain_text("王*芳")
    expect(result).to_contain_text("2099年6月1日")
    assert no_horizontal_scroll(page)

    page.get_by_label("持证人姓名").fill("王小")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("status")).to_contain_text("没有与该编号和姓名相符的证书")


def test_a_citizen_pages_through_upcoming_sessions_on_a_phone(live_server, page, transactional_db, csp_violations):
    soon = timezone.now() + dt.timedelta(days=2)
    course = FirstAiderCourseFactory()
    for n in range(15):
        SessionFactory(course=course, title=f"第{n + 1:02d}期救护员培训", starts_at=soon + dt.timedelta(days=n))
    SessionFactory(title="普及课")

    page.goto(live_server.url + f"/training/sessions/?course={course.pk}")
    cards = page.locator(".card__title")
    expect(cards).to_have_count(10)
    expect(cards.first).to_have_text("第01期救护员培训")
    pager = page.get_by_role("navigation", name="分页")
    expect(pager.locator("[aria-current=page]")).to_have_text("第 1 页 / 共 2 页")
    assert no_horizontal_scroll(page)

    pager.get_by_role("link", name=re.compile("下一页")).click()
    expect(page).to_have_url(re.compile(rf"course={course.pk}&page=2$"))
    expect(cards).to_have_count(5)
    expect(cards.first).to_have_text("第11期救护员培训")
    expect(page.get_by_text("普及课")).to_have_count(0)
    expect(pager.locator("[aria-current=page]")).to_have_text("第 2 页 / 共 2 页")
    assert no_horizontal_scroll(page)

    pager.get_by_role("link", name=re.compile("上一页")).click()
    expect(page).to_have_url(re.compile(rf"course={course.pk}&page=1$"))
    expect(cards.first).to_have_text("第01期救护员培训")
    page.go_back()
    expect(cards.first).to_have_text("第11期救护员培训")
    assert csp_violations == []
