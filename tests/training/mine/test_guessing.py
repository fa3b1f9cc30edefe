"""我的报名 tells no one whether a number is known, and limits the codes asked for and entered per number and
per address."""

from django.test import Client

from redcross.models import TextMessage
from tests.training.my_signups import (
    KNOWN,
    MINE,
    UNKNOWN,
    WRONG_OR_EXPIRED,
    a_wrong,
    enter,
    sent_code,
    unique_parts_out,
)


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
