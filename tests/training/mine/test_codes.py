"""我的报名's one-time code: six digits sent by text message, valid ten minutes and once, void after a new one or
five wrong tries; a bad number or a malformed code is told and changes nothing."""

import re
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client

from redcross.models import TextMessage
from tests.training.my_signups import (
    CHECK,
    KNOWN,
    MINE,
    WRONG_OR_EXPIRED,
    a_wrong,
    enter,
    sent_code,
    unique_parts_out,
)
from training import mine


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


def test_the_code_is_no_longer_on_record_once_sent(ask, wang, texts):
    ask(KNOWN)
    code = sent_code(KNOWN)
    message = TextMessage.objects.get()
    assert message.kind == TextMessage.Kind.LOGIN_CODE and message.status == TextMessage.Status.SENT
    assert message.key.startswith(f"login:{KNOWN}:")
    assert code in texts[0].text  # the citizen's text holds it …
    assert code not in message.text and code not in str(message.params)  # … the stored row does not
