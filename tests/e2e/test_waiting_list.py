"""The waiting list on a phone: a citizen who finds the session full waits, and is told once when a seat frees up."""

import re

from playwright.sync_api import expect

from redcross.models import TextMessage
from tests.training.factories import SessionFactory
from training.models import Registration
from training.services import SignUp, registration_create
from training.views import registration_token

Kind = TextMessage.Kind


def test_a_waiting_citizen_moves_up_when_a_seat_frees_and_is_told_exactly_once(live_server, page, settings):
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SEND_INLINE = True
    session = SessionFactory(title="周日心肺复苏体验", seats=1)
    first = registration_create(session=session, person=SignUp(name="赵敏", mobile="13900139000"), consent=True)

    page.goto(live_server.url + f"/training/sessions/{session.pk}/")
    page.get_by_label("姓名").fill("李雷")
    page.get_by_label("手机号码").fill("13700137000")
    page.get_by_label("我同意为本次培训使用我的个人信息").check()
    page.get_by_role("button", name="报名").click()
    expect(page.locator(".result__title")).to_have_text(re.compile("候补.*1"))
    waiting_page = page.url
    waiting = Registration.objects.get(trainee__name="李雷")
    assert waiting.status == Registration.Status.WAITING

    # The confirmed citizen cancels from their own page, on their own phone.
    other = page.context.new_page()
    other.goto(live_server.url + f"/training/registrations/{registration_token(first)}/cancel/")
    other.get_by_role("button", name="确定取消").click()
    expect(other.get_by_text("报名已取消，感谢您及时告知。")).to_be_visible()

    page.goto(waiting_page)
    expect(page.locator(".result__title")).not_to_contain_text("候补")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    told = TextMessage.objects.filter(mobile="13700137000", kind=Kind.PROMOTED)
    assert told.count() == 1
    assert told.get().status == TextMessage.Status.SENT
    assert "周日心肺复苏体验" in told.get().text
    assert not TextMessage.objects.filter(mobile="13900139000", kind=Kind.PROMOTED).exists()

    page.goto(waiting_page)  # reading the page again tells nobody again
    assert TextMessage.objects.filter(kind=Kind.PROMOTED).count() == 1
