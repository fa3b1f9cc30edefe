"""我的报名: a one-time code by text message opens the sign-ups of one mobile number, and nothing tells whether a
number is known."""

import datetime as dt
import re
import time
import types

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from redcross.models import TextMessage
from redcross.sms.backends import LocmemBackend
from tests.pages import queries_for
from training import mine
from training.models import Registration, Session
from training.services import waiting_position

from .factories import CertificateFactory, RegistrationFactory, SessionFactory, TraineeFactory

MINE, ASK, CHECK = "/training/mine/", "/training/mine/code/", "/training/mine/check/"
SIGN_OUT = "/training/mine/sign-out/"
KNOWN, UNKNOWN = "13800000001", "13900000009"
TOKEN = re.compile(r'value="[A-Za-z0-9]{64}"')
TYPED_CODE = re.compile(r'name="code" value="[0-9]{6}"')
WRONG_OR_EXPIRED = "This code is wrong or no longer valid."


@pytest.fixture(autouse=True)
def texts(settings, db):
    """Codes are sent in the request's process, to an outbox the tests read."""
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SEND_INLINE = True
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a code as a visitor would (the message goes out once the request's transaction commits)."""
    def ask(number, visitor=None, prefix="", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (visitor or client).post(prefix + ASK, {"mobile": number}, **extra)
    return ask


def sent_code(number) -> str:
    return [sms for sms in LocmemBackend.outbox if sms.mobile == number][-1].params["code"]


def enter(visitor, code, prefix=""):
    return visitor.post(prefix + CHECK, {"code": code})


def unique_parts_out(response) -> str:
    """The page without the visitor's CSRF token and the code they typed (which the form keeps)."""
    return TYPED_CODE.sub("", TOKEN.sub("", response.content.decode()))


def a_wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


@pytest.fixture
def wang(db):
    """王芳 (mobile KNOWN) with a sign-up to come and one held last month with a certificate; another 王芳 with
    another mobile, and someone else."""
    me = TraineeFactory(name="王芳", mobile=KNOWN)
    RegistrationFactory(trainee=me, session=SessionFactory(title="周六应急救护普及"))
    held = SessionFactory(title="五月救护员培训", status=Session.Status.HELD,
                          starts_at=timezone.now() - dt.timedelta(days=30))
    RegistrationFactory(trainee=me, session=held, attended=True, passed=True)
    certificate = CertificateFactory(trainee=me, session=held, course=held.course, number="HA-2025-00017")
    RegistrationFactory(trainee=TraineeFactory(name="王芳", mobile="13700000002"),
                        session=SessionFactory(title="同名之人的培训"))
    RegistrationFactory(trainee=TraineeFactory(name="李强", mobile="13600000003"),
                        session=SessionFactory(title="别人的培训"))
    return certificate


def signed_in(client, ask, number=KNOWN):
    ask(number)
    response = enter(client, sent_code(number))
    assert response.status_code == 302 and response["Location"] == MINE
    return client


def test_a_code_opens_the_sign_ups_of_exactly_that_mobile(client, ask, wang, texts):
    assert ask(KNOWN).status_code == 302
    assert len(texts) == 1 and re.fullmatch(r"[0-9]{6}", sent_code(KNOWN))
    assert enter(client, sent_code(KNOWN)).status_code == 302
    html = client.get(MINE).content.decode()
    assert "周六应急救护普及" in html and "五月救护员培训" in html
    assert "同名之人的培训" not in html and "别人的培训" not in html
    assert "138****0001" in html and "王*" in html and KNOWN not in html and "王芳" not in html
    assert f"/training/certificates/v/{wang.token}/" in html
    links = re.findall(r'href="/training/registrations/([^"/]+)/"', html)
    assert len(links) == 2
    for token in links:  # each link opens that person's own sign-up
        assert "138****0001" in client.get(f"/training/registrations/{token}/").content.decode()


def test_the_list_shows_each_sign_ups_state_and_waiting_position(client, ask):
    me = TraineeFactory(name="张伟", mobile=KNOWN)
    full = SessionFactory(title="满员的培训", seats=1, status=Session.Status.FULL)
    RegistrationFactory(session=full)
    RegistrationFactory(session=full, status=Registration.Status.WAITING)
    mine_waiting = RegistrationFactory(session=full, trainee=me, status=Registration.Status.WAITING)
    RegistrationFactory(trainee=me, session=SessionFactory(title="取消了的报名"), status=Registration.Status.CANCELLED)
    RegistrationFactory(trainee=me, session=SessionFactory(title="被取消的培训", status=Session.Status.CANCELLED))
    ask(KNOWN, prefix="/en")
    enter(client, sent_code(KNOWN), prefix="/en")
    html = client.get("/en" + MINE).content.decode()
    assert waiting_position(mine_waiting) == 2
    assert "Number 2 on the waiting list" in html
    assert "Sign-up cancelled" in html and "The branch cancelled this session" in html
    assert re.search(r'data-state="waiting">\s*<div class="card__body">\s*<h3 class="card__title">满员的培训', html)


def test_a_wrong_code_and_an_expired_code_get_the_same_answer(client, ask, wang):
    ask(KNOWN, prefix="/en")
    code = sent_code(KNOWN)
    wrong = enter(client, a_wrong(code), prefix="/en")
    assert wrong.status_code == 400 and WRONG_OR_EXPIRED in wrong.content.decode()

    # The code lives in Redis for ten minutes; Redis itself lets it go.
    key = cache.make_and_validate_key(mine._code_key(KNOWN))
    assert 590 < redis.Redis.from_url(django_settings.REDIS_URL).ttl(key) <= 600
    for name in (mine._code_key(KNOWN), mine._tries_key(KNOWN)):
        cache.touch(name, 1)
    time.sleep(1.1)
    expired = enter(client, code, prefix="/en")
    assert expired.status_code == 400
    assert unique_parts_out(expired) == unique_parts_out(wrong)
    assert "周六应急救护普及" not in client.get(MINE).content.decode()


def test_a_code_opens_the_list_once(client, ask, wang):
    ask(KNOWN)
    code = sent_code(KNOWN)
    assert enter(client, code).status_code == 302
    other = Client()  # another browser that has the number pending, without asking for a new code
    pending = other.session
    pending[mine.PENDING] = {"mobile": KNOWN, "until": time.time() + 600}
    pending.save()
    assert enter(other, code).status_code == 400
    assert "周六应急救护普及" not in other.get(MINE).content.decode()


def test_a_new_code_voids_the_one_before(client, ask, wang, monkeypatch):
    drawn = iter([111111, 222222])
    monkeypatch.setattr(mine.secrets, "randbelow", lambda _limit: next(drawn))  # two codes that differ
    ask(KNOWN)
    first = sent_code(KNOWN)
    ask(KNOWN)
    assert (first, sent_code(KNOWN)) == ("111111", "222222")
    assert enter(client, first).status_code == 400
    assert enter(client, sent_code(KNOWN)).status_code == 302


def test_five_wrong_codes_void_the_code_even_for_the_right_one(client, ask, wang):
    ask(KNOWN)
    code = sent_code(KNOWN)
    for _ in range(mine.MAX_WRONG_TRIES):
        assert enter(client, a_wrong(code)).status_code == 400
    assert enter(client, code).status_code == 400
    assert "周六应急救护普及" not in client.get(MINE).content.decode()


def test_a_known_and_an_unknown_number_get_the_same_answer(ask, wang, texts):
    answers = {}
    for number in (KNOWN, UNKNOWN):
        visitor = Client()
        asked = ask(number, visitor=visitor)
        page = visitor.get(asked["Location"])
        masked = f"{number[:3]}****{number[-4:]}"
        answers[number] = (asked.status_code, asked["Location"], page.status_code,
                           unique_parts_out(page).replace(masked, "MASKED"))
        assert masked in page.content.decode()
    assert answers[KNOWN] == answers[UNKNOWN]
    assert [sms.mobile for sms in texts] == [KNOWN]
    assert list(TextMessage.objects.values_list("mobile", flat=True)) == [KNOWN]
    # The unknown number has a code too, so that a wrong code reads the same for it.
    unknown = Client()
    ask(UNKNOWN, visitor=unknown)
    assert WRONG_OR_EXPIRED in enter(unknown, "000000", prefix="/en").content.decode()


def test_codes_are_limited_per_number_from_any_address(ask, wang, settings, texts):
    settings.RATELIMIT_LOGIN_CODE = "2/h"
    statuses = [ask(KNOWN, visitor=Client(), REMOTE_ADDR=f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert len(texts) == 2
    assert ask(UNKNOWN, visitor=Client(), REMOTE_ADDR="203.0.113.1").status_code == 302
    assert [ask(UNKNOWN, visitor=Client(), REMOTE_ADDR="203.0.113.9").status_code for _ in range(2)] == [302, 429]


def test_codes_are_limited_per_address(ask, wang, settings, texts):
    settings.RATELIMIT_LOGIN_CODE_ADDRESS = "3/h"
    statuses = [ask(f"1380000000{n}", REMOTE_ADDR="203.0.113.5").status_code for n in range(1, 5)]
    assert statuses == [302, 302, 302, 429]
    assert ask(KNOWN, visitor=Client(), REMOTE_ADDR="198.51.100.1").status_code == 302
    assert len(texts) == 2


def test_entering_codes_is_limited_per_address(client, ask, wang, settings):
    settings.RATELIMIT_LOGIN_CODE_ADDRESS = "3/h"
    ask(KNOWN)
    code = sent_code(KNOWN)
    assert [enter(client, a_wrong(code)).status_code for _ in range(3)] == [400, 400, 400]
    assert enter(client, code).status_code == 429
    assert "周六应急救护普及" not in client.get(MINE).content.decode()


@pytest.mark.parametrize("number, message", [
    ("", "Enter the mobile number you signed up with."),
    ("abcdefghijk", "Enter an 11-digit mobile number starting with 13 to 19."),
    ("1380000000", "Enter an 11-digit mobile number starting with 13 to 19."),
    ("138000000011", "Enter an 11-digit mobile number starting with 13 to 19."),
    ("23800000001", "Enter an 11-digit mobile number starting with 13 to 19."),
    ("1380000000٠", "Enter an 11-digit mobile number starting with 13 to 19."),
    ("138" + "0" * 40, "Ensure this value has at most 20 characters"),
    ("138000\x0000001", "Null characters are not allowed."),
])
def test_a_bad_number_is_told_and_changes_nothing(client, ask, wang, number, message, texts):
    response = ask(number, prefix="/en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not texts and not TextMessage.objects.exists()
    assert mine.PENDING not in client.session
    assert client.get(CHECK).status_code == 302  # no code page without a number


def test_a_bad_number_is_told_in_chinese(ask):
    response = ask("1380000000")
    assert response.status_code == 400 and "11位手机号码" in response.content.decode()


def test_full_width_digits_are_the_same_number(client, ask, wang, texts):
    assert ask("１３８ ０００ ０００ ０１").status_code == 302
    assert enter(client, "".join(chr(ord(c) + 0xFEE0) for c in sent_code(KNOWN))).status_code == 302


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_a_malformed_code_is_told_and_does_not_count_as_a_try(client, ask, wang, code):
    ask(KNOWN)
    for _ in range(mine.MAX_WRONG_TRIES):
        response = enter(client, code, prefix="/en")
        assert response.status_code == 400
        assert re.search("The code has 6 digits|Enter the 6-digit code", response.content.decode())
    assert enter(client, sent_code(KNOWN)).status_code == 302


def test_every_page_of_my_sign_ups_is_for_this_visitor_only(client, ask, wang, settings):
    settings.PAGE_CACHE_SECONDS = 300
    pages = [client.get(MINE)]
    pages.append(ask(KNOWN))
    pages.append(client.get(CHECK))
    pages.append(enter(client, sent_code(KNOWN)))
    pages.append(client.get(MINE))
    for response in pages:
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-cache", "no-store", "private"} <= directives
    assert "周六应急救护普及" in pages[-1].content.decode()
    assert "周六应急救护普及" not in Client().get(MINE).content.decode()


def test_signed_in_visitors_still_get_public_pages_and_signing_out_ends_it(client, ask, wang, settings):
    settings.PAGE_CACHE_SECONDS = 300
    signed_in(client, ask)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == mine.SIGNED_IN_SECONDS
    session = SessionFactory(title="公开的培训")
    for url in ("/training/", f"/training/sessions/{session.pk}/"):
        response = client.get(url)
        assert response.status_code == 200 and "138****0001" not in response.content.decode()
    assert "公开的培训" in client.get(f"/training/sessions/{session.pk}/").content.decode()

    signed_out = client.post("/en" + SIGN_OUT, follow=True)
    assert "You have signed out of My sign-ups." in signed_out.content.decode()
    assert "周六应急救护普及" not in signed_out.content.decode()
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert client.get(SIGN_OUT).status_code == 405


def test_the_list_closes_after_thirty_minutes(client, ask, wang, monkeypatch):
    signed_in(client, ask)
    assert "周六应急救护普及" in client.get(MINE).content.decode()
    later = time.time() + mine.SIGNED_IN_SECONDS + 1
    monkeypatch.setattr(mine, "time", types.SimpleNamespace(time=lambda: later))
    assert "周六应急救护普及" not in client.get(MINE).content.decode()


def test_the_list_costs_the_same_queries_for_one_sign_up_or_many(client, ask):
    me = TraineeFactory(name="赵敏", mobile=KNOWN)
    RegistrationFactory(trainee=me)
    signed_in(client, ask)
    one = queries_for(client, MINE)
    for n in range(8):
        full = SessionFactory(title=f"第{n}期", seats=1, status=Session.Status.FULL)
        RegistrationFactory(session=full)
        RegistrationFactory(session=full, trainee=me, status=Registration.Status.WAITING)
    for n in range(4):
        held = SessionFactory(status=Session.Status.HELD, starts_at=timezone.now() - dt.timedelta(days=40 + n))
        RegistrationFactory(session=held, trainee=me, attended=True)
        CertificateFactory(trainee=me, session=held, course=held.course)
    many = queries_for(client, MINE)
    assert "第7期" in client.get(MINE).content.decode()
    assert many == one


def test_the_list_is_bounded_to_the_latest(client, ask, monkeypatch):
    monkeypatch.setattr(mine, "LATEST", 3)
    me = TraineeFactory(mobile=KNOWN)
    for n in range(5):
        RegistrationFactory(trainee=me, session=SessionFactory(
            title=f"第{n}期", starts_at=timezone.now() + dt.timedelta(days=n + 1)))
    signed_in(client, ask)
    html = client.get("/en" + MINE).content.decode()
    assert [f"第{n}期" in html for n in range(5)] == [False, False, True, True, True]
    assert "Only the latest 3 sign-ups are shown" in html


def test_the_code_is_no_longer_on_record_once_sent(ask, wang, texts):
    ask(KNOWN)
    code = sent_code(KNOWN)
    message = TextMessage.objects.get()
    assert message.kind == TextMessage.Kind.LOGIN_CODE and message.status == TextMessage.Status.SENT
    assert message.key.startswith(f"login:{KNOWN}:")
    assert code in texts[0].text  # the citizen's text holds it …
    assert code not in message.text and code not in str(message.params)  # … the stored row does not
