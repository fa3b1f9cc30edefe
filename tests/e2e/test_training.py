import datetime as dt
import re
from decimal import Decimal

from playwright.sync_api import expect

from tests.pages import no_horizontal_scroll
from tests.training.factories import BaseFactory, CertificateFactory, SessionFactory, TraineeFactory
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
