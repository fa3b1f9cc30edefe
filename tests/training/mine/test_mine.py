"""我的报名: a one-time code by text message opens the sign-ups of one mobile number, for that visitor alone and
for thirty minutes."""

import datetime as dt
import re
import time
import types

from django.test import Client
from django.utils import timezone

from tests.pages import queries_for
from tests.training.factories import CertificateFactory, RegistrationFactory, SessionFactory, TraineeFactory
from tests.training.my_signups import (
    CHECK,
    KNOWN,
    MINE,
    SIGN_OUT,
    enter,
    sent_code,
    signed_in,
)
from training import mine
from training.models import Registration, Session
from training.services import waiting_position


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
