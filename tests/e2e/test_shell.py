import re

from playwright.sync_api import expect

from tests.factories import STAFF_PASSWORD, StaffFactory
from tests.pages import no_horizontal_scroll


def test_home_page_fits_a_phone_in_chinese(live_server, page, transactional_db, csp_violations):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    nav = page.get_by_role("navigation", name="主导航")
    for label in ("首页", "红十字阵地", "两护培训", "新闻动态"):
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(page.get_by_role("heading", name="我们的工作")).to_be_visible()
    assert no_horizontal_scroll(page)
    # Bootstrap and the portal's stylesheet are both served and applied.
    assert page.evaluate("getComputedStyle(document.body).boxSizing") == "border-box"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).backgroundColor") == "rgb(215, 0, 15)"
    assert csp_violations == []


def test_language_switch_goes_to_english_and_back(live_server, page, transactional_db):
    page.goto(live_server.url + "/training/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/training/$"))
    expect(page.get_by_role("heading", name="First-aid and elder-care training")).to_be_visible()
    assert no_horizontal_scroll(page)

    page.get_by_role("button", name="中文").click()
    expect(page).to_have_url(re.compile(r"/training/$"))
    expect(page.get_by_role("heading", name="两护培训")).to_be_visible()


def test_the_shell_works_with_javascript_off(live_server, browser, transactional_db):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="红十字阵地").first.click()
    expect(page).to_have_url(re.compile(r"/projects/$"))
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/projects/$"))
    context.close()


def test_staff_log_in_to_the_admin_on_a_phone(live_server, page, transactional_db, csp_violations):
    StaffFactory(username="training-officer", role="培训管理员")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("用户名").fill("training-officer")
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    # The first screen after login is the dashboard of the officer's own front.
    expect(page.get_by_role("heading", name="工作概览")).to_be_visible()
    expect(page.get_by_role("heading", name="两护培训")).to_be_visible()
    expect(page.locator("#user-tools")).to_contain_text("测试")
    assert csp_violations == []


def test_a_wrong_password_says_so_in_chinese(live_server, page, transactional_db):
    StaffFactory(username="leader", role="领导")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill("not the password")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".errornote")).to_contain_text("请输入一个正确的")
