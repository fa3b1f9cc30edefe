"""我的报名 on a phone: a citizen who lost the page of a sign-up finds it again with a code and cancels it."""

import logging
import re

from playwright.sync_api import expect

from tests.pages import no_horizontal_scroll
from tests.training.factories import SessionFactory
from training.models import Registration

MOBILE = "13800138000"


def code_from_the_log(caplog) -> str:
    """The code in the text the log backend wrote (in the live server's thread, once the request committed)."""
    texts = [record.getMessage() for record in caplog.records if record.name == "redcross.sms.backends"]
    assert len(texts) == 1 and "138****8000" in texts[0]
    return re.search(r"(?<![0-9])([0-9]{6})(?![0-9])", texts[0].split(": ", 1)[1])[1]


def test_a_citizen_finds_a_lost_sign_up_with_a_code_and_cancels_it(live_server, page, settings, caplog,
                                                                     csp_violations):
    settings.SMS_BACKEND = "redcross.sms.backends.LogBackend"
    settings.SMS_SEND_INLINE = True
    caplog.set_level(logging.INFO, logger="redcross.sms.backends")
    session = SessionFactory(title="周六应急救护普及", seats=20)

    page.goto(live_server.url + f"/training/sessions/{session.pk}/")
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("手机号码").fill(MOBILE)
    page.get_by_label("我同意为本次培训使用我的个人信息").check()
    page.get_by_role("button", name="报名").click()
    expect(page.get_by_text("报名成功，您已获得座位。")).to_be_visible()
    page.goto(live_server.url + "/training/")  # the sign-up's address is lost

    page.goto(live_server.url + "/training/mine/")
    assert no_horizontal_scroll(page)
    page.get_by_label("手机号码").fill(MOBILE)
    caplog.clear()  # what was sent before (the sign-up's own message)
    page.locator("form[action$='/mine/code/'] [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/training/mine/check/$"))
    expect(page.get_by_role("status")).to_contain_text("138****8000")
    assert no_horizontal_scroll(page)
    page.locator("input[name=code]").fill(code_from_the_log(caplog))
    page.locator("form[action$='/mine/check/'] [type=submit]").click()

    expect(page).to_have_url(re.compile(r"/training/mine/$"))
    card = page.locator(".card", has_text="周六应急救护普及")
    expect(card).to_have_attribute("data-state", "confirmed")
    expect(page.get_by_text("138****8000")).to_be_visible()
    expect(page.get_by_text("王*", exact=True)).to_be_visible()
    assert no_horizontal_scroll(page)

    card.locator("a[href*='/registrations/']").click()
    page.get_by_role("link", name="取消报名").click()
    page.get_by_role("button", name="确定取消").click()
    expect(page.get_by_text("报名已取消，感谢您及时告知。")).to_be_visible()
    assert Registration.objects.get().status == Registration.Status.CANCELLED

    page.goto(live_server.url + "/training/mine/")
    expect(card).to_have_attribute("data-state", "cancelled")
    expect(card.locator(".badge-status")).to_have_text(re.compile("Sign-up cancelled|已取消"))
    page.locator("form[action$='/mine/sign-out/'] [type=submit]").click()
    expect(page.locator("input[name=mobile]")).to_be_visible()
    expect(page.get_by_text("周六应急救护普及")).to_have_count(0)
    assert csp_violations == []
