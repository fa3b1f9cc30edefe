"""The outbox: each message queued once, sent after its transaction commits and at most once, its answer kept."""

import logging
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from redcross.models import TextMessage
from redcross.sms.backends import Answer, LocmemBackend
from redcross.sms.outbox import MAX_ATTEMPTS, text_queue, text_resend, text_send

Kind, Status = TextMessage.Kind, TextMessage.Status
MOBILE = "13912345678"


class AlwaysLater:
    """A provider that is always busy."""

    name = "busy"

    def send(self, sms):
        return Answer(ok=False, code="isv.BUSINESS_LIMIT_CONTROL", detail="触发分钟级流控", retry=True)


class Broken:
    name = "broken"

    def send(self, sms):
        raise ConnectionResetError("connection reset by the provider")


@pytest.fixture
def sent(settings):
    """What the locmem backend was given, sending in the process once the transaction commits."""
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SEND_INLINE = True
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


def queue(key="signup:1", kind=Kind.SIGNUP_CONFIRMED, body="张三您好，您已报名急救员培训", params=None):
    return text_queue(key=key, kind=kind, mobile=MOBILE, body=body, params=params or {"name": "张三"})


@pytest.mark.django_db
def test_a_key_queued_twice_makes_one_message(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue(body="another text under the same key")

    assert first is not None and second is None
    assert TextMessage.objects.filter(key="signup:1").count() == 1
    assert [sms.text for sms in sent] == [first.text]


@pytest.mark.django_db
def test_nothing_is_sent_before_the_transaction_commits(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
        assert sent == []
        assert TextMessage.objects.get(pk=message.pk).status == Status.PENDING

    assert [sms.mobile for sms in sent] == [MOBILE]
    message.refresh_from_db()
    assert (message.status, message.backend, message.reference) == (Status.SENT, "locmem", "locmem-1")
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(sent, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the sign-up failed")

    assert callbacks == []
    assert sent == []
    assert not TextMessage.objects.exists()


@pytest.mark.django_db
def test_sending_a_message_twice_sends_it_once(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    assert text_send(message_id=message.pk) is None
    assert len(sent) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_messages_at_once_send_each_once(sent):
    messages = [
        TextMessage.objects.create(key=f"race:{n}", kind=Kind.SIGNUP_CONFIRMED, mobile=MOBILE, text=f"报名成功{n}")
        for n in range(20)
    ]
    # Both workers start on each message together, so that a claim that is not one atomic step shows up as a double.
    together = threading.Barrier(2)

    def worker():
        try:
            for message in messages:
                together.wait(timeout=10)
                text_send(message_id=message.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(sms.text for sms in sent) == sorted(message.text for message in messages)
    assert set(TextMessage.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


@pytest.mark.django_db
def test_a_busy_provider_is_tried_again_until_the_last_attempt(settings):
    settings.SMS_BACKEND = "tests.core.test_sms_outbox.AlwaysLater"
    message = TextMessage.objects.create(key="signup:3", kind=Kind.SIGNUP_CONFIRMED, mobile=MOBILE, text="报名成功")

    statuses = []
    for _ in range(MAX_ATTEMPTS + 1):
        text_send(message_id=message.pk)
        message.refresh_from_db()
        statuses.append((message.status, message.attempts))

    assert statuses == [(Status.RETRY, 1), (Status.RETRY, 2), (Status.FAILED, 3), (Status.FAILED, 3)]
    assert (message.answer_code, message.backend, message.sent_at) == ("isv.BUSINESS_LIMIT_CONTROL", "busy", None)


@pytest.mark.django_db
def test_a_backend_that_raises_is_recorded_not_propagated(settings, caplog):
    settings.SMS_BACKEND = "tests.core.test_sms_outbox.Broken"
    message = TextMessage.objects.create(key="signup:4", kind=Kind.SIGNUP_CONFIRMED, mobile=MOBILE, text="报名成功")

    answer = text_send(message_id=message.pk)

    assert (answer.ok, answer.retry) == (False, True)
    message.refresh_from_db()
    assert (message.status, message.backend, message.answer_code) == (Status.RETRY, "broken", "ConnectionResetError")
    assert "connection reset by the provider" in message.answer_detail


@pytest.mark.django_db
def test_a_one_time_code_reaches_the_citizen_but_is_hidden_once_sent(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(key="login:1", kind=Kind.LOGIN_CODE, body="您的验证码是483920，5分钟内有效",
                        params={"code": "483920"})

    assert sent[0].params == {"code": "483920"}
    assert "483920" in sent[0].text
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert "483920" not in message.text
    assert "483920" not in str(message.params)
    assert [name for name, _value in message.params] == ["code"]


@pytest.mark.django_db
def test_staff_resend_an_answered_message_as_a_new_one(sent, training_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
    first.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        resend = text_resend(message=first, by=training_officer)

    resend.refresh_from_db()
    assert (resend.resent_from, resend.queued_by, resend.status) == (first, training_officer, Status.SENT)
    assert (resend.mobile, resend.text, resend.params) == (first.mobile, first.text, first.params)
    assert resend.key != first.key
    assert [sms.text for sms in sent] == [first.text, first.text]


@pytest.mark.django_db
def test_a_one_time_code_is_never_resent(sent, training_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        code = queue(key="login:2", kind=Kind.LOGIN_CODE, body="您的验证码是771205", params={"code": "771205"})
    code.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        text_resend(message=code, by=training_officer)

    assert refused.value.code == "login_code"
    assert TextMessage.objects.count() == 1
    assert len(sent) == 1


@pytest.mark.django_db
def test_a_message_not_yet_answered_is_not_resent(settings, training_officer):
    settings.SMS_SEND_INLINE = True
    waiting = queue()  # the test's transaction never commits: the message stays pending

    with pytest.raises(ValidationError) as refused:
        text_resend(message=waiting, by=training_officer)

    assert refused.value.code == "not_answered"
    assert TextMessage.objects.count() == 1


@pytest.mark.django_db
def test_the_log_backend_writes_the_text_with_the_mobile_masked(settings, caplog, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "redcross.sms.backends.LogBackend"
    settings.SMS_SEND_INLINE = True
    caplog.set_level(logging.INFO, logger="redcross.sms")

    with django_capture_on_commit_callbacks(execute=True):
        message = queue(body="张三您好，您已报名急救员培训")

    assert "张三您好，您已报名急救员培训" in caplog.text
    assert "139****5678" in caplog.text
    assert MOBILE not in caplog.text
    message.refresh_from_db()
    assert (message.status, message.backend, message.answer_code) == (Status.SENT, "log", "LOGGED")


def test_a_real_worker_sends_a_message_queued_in_a_committed_transaction(live_worker, settings):
    settings.SMS_SEND_INLINE = False
    settings.SMS_BACKEND = "redcross.sms.backends.LogBackend"

    with transaction.atomic():
        message = queue(key="signup:worker")
        assert TextMessage.objects.get(pk=message.pk).status == Status.PENDING

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status not in (Status.PENDING, Status.SENDING):
            break
        time.sleep(0.2)

    assert (message.status, message.attempts, message.backend) == (Status.SENT, 1, "log")
    assert message.answer_code == "LOGGED"
    assert message.sent_at is not None
