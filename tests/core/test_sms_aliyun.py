"""The Alibaba Cloud backend with its real SDK talking to a stand-in for the provider on 127.0.0.1 that answers as
the provider does; nothing leaves the machine."""

import json
import logging

import pytest

from redcross.models import BranchProfile, TextMessage
from redcross.sms.aliyun import AliyunBackend
from redcross.sms.backends import Sms
from redcross.sms.outbox import text_queue
from redcross.sms.tencent import TencentBackend
from tests.core.sms_stand_in import (
    ALIYUN_SECRET,
    MOBILE,
    TENCENT_SECRET,
    Kind,
    aliyun_answer,
    login_code,
    reminder,
    tencent_error,
)


def test_every_kind_of_message_has_its_template_setting(settings):
    assert set(settings.SMS_TEMPLATES) == set(Kind.values)


# Alibaba Cloud

def test_aliyun_sends_the_kinds_template_with_its_values_and_keeps_the_biz_id(aliyun):
    aliyun.reply = (200, aliyun_answer("OK", biz_id="900619746936498440^0"))

    answer = AliyunBackend().send(login_code("483920"))

    assert (answer.ok, answer.code, answer.reference) == (True, "OK", "900619746936498440^0")
    query = aliyun.aliyun_query()
    assert query["PhoneNumbers"] == MOBILE
    assert query["SignName"] == "某市红十字会"
    assert query["TemplateCode"] == "SMS_480001"
    assert json.loads(query["TemplateParam"]) == {"code": "483920"}
    assert aliyun.received[0]["headers"]["x-acs-action"] == "SendSms"


@pytest.mark.django_db
def test_aliyun_signs_with_the_branchs_short_name_when_no_signature_is_set(aliyun, settings):
    settings.SMS_SIGN_NAME = ""
    profile = BranchProfile.load()
    profile.short_name = "江城红会"
    profile.save()
    aliyun.reply = (200, aliyun_answer("OK", biz_id="1^0"))

    assert AliyunBackend().send(reminder()).ok
    assert aliyun.aliyun_query()["SignName"] == "江城红会"


@pytest.mark.parametrize(("code", "retry"), [
    ("isv.BUSINESS_LIMIT_CONTROL", True),
    ("isp.SYSTEM_ERROR", True),
    ("isv.MOBILE_NUMBER_ILLEGAL", False),
    ("isv.SMS_TEMPLATE_ILLEGAL", False),
    ("isv.SMS_SIGNATURE_ILLEGAL", False),
    ("isv.AMOUNT_NOT_ENOUGH", False),
    ("isv.SOMETHING_NEW", False),
])
def test_aliyun_refusals_are_tried_again_only_when_later_can_help(aliyun, code, retry):
    aliyun.reply = (200, aliyun_answer(code, message="触发分钟级流控Permits:1"))

    answer = AliyunBackend().send(login_code())

    assert (answer.ok, answer.code, answer.retry) == (False, code, retry)
    assert "触发分钟级流控" in answer.detail


@pytest.mark.parametrize(("status", "code", "retry"), [
    (404, "InvalidAccessKeyId.NotFound", False),
    (400, "SignatureDoesNotMatch", False),
    (400, "Throttling.User", True),
    (503, "ServiceUnavailable", True),
    (500, "InternalError", True),
])
def test_aliyun_http_errors_are_mapped_by_code_and_status(aliyun, status, code, retry):
    aliyun.reply = (status, {"Code": code, "Message": "refused", "RequestId": "R-1", "HostId": "dysmsapi.aliyuncs.com"})

    answer = AliyunBackend().send(login_code())

    assert (answer.ok, answer.code, answer.retry) == (False, code, retry)


def test_aliyun_unreachable_is_tried_again(aliyun, settings, closed_port_url):
    settings.SMS_ALIYUN_ENDPOINT = closed_port_url

    answer = AliyunBackend().send(login_code("483920"))

    assert (answer.ok, answer.retry) == (False, True)
    assert "Connection refused" in answer.detail
    assert MOBILE not in answer.detail and "483920" not in answer.detail


@pytest.mark.parametrize("variable", ["SMS_ALIYUN_ACCESS_KEY_ID", "SMS_ALIYUN_ACCESS_KEY_SECRET"])
def test_aliyun_without_its_keys_names_the_missing_variable_and_sends_nothing(aliyun, settings, variable):
    setattr(settings, variable, "")

    answer = AliyunBackend().send(login_code())

    assert (answer.ok, answer.retry) == (False, False)
    assert variable in answer.detail
    assert aliyun.received == []


def test_aliyun_without_the_kinds_template_names_its_variable(aliyun, settings):
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.CERTIFICATE_ISSUED: ""}

    answer = AliyunBackend().send(Sms(mobile=MOBILE, kind=Kind.CERTIFICATE_ISSUED, text="证书已颁发"))

    assert (answer.ok, answer.retry) == (False, False)
    assert "SMS_TEMPLATE_CERTIFICATE_ISSUED" in answer.detail
    assert aliyun.received == []


# Tencent Cloud


@pytest.mark.parametrize(("backend", "reply"), [
    (AliyunBackend, (400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched."})),
    (TencentBackend, (200, tencent_error("AuthFailure.SignatureFailure", "The provided credentials are wrong."))),
])
def test_the_secret_key_is_neither_sent_nor_logged_nor_kept(aliyun, tencent, caplog, backend, reply):
    aliyun.reply = reply
    caplog.set_level(logging.DEBUG)

    answer = backend().send(login_code())

    assert not answer.ok
    for secret in (ALIYUN_SECRET, TENCENT_SECRET):
        assert secret not in caplog.text
        assert secret not in answer.detail
        assert all(secret.encode() not in request["body"] and secret not in request["path"]
                   and secret not in json.dumps(request["headers"]) for request in aliyun.received)


@pytest.mark.django_db
def test_a_message_queued_for_aliyun_is_stored_as_sent_with_the_providers_reference(
    aliyun, settings, django_capture_on_commit_callbacks,
):
    settings.SMS_BACKEND = "redcross.sms.aliyun.AliyunBackend"
    settings.SMS_SEND_INLINE = True
    aliyun.reply = (200, aliyun_answer("OK", biz_id="123456^0"))

    with django_capture_on_commit_callbacks(execute=True):
        text_queue(key="reminder:1", kind=Kind.REMINDER, mobile=MOBILE, body="张三您好，急救员培训明天9:00开始",
                   params={"name": "张三", "course": "急救员培训", "time": "9:00"})

    message = TextMessage.objects.get(key="reminder:1")
    assert (message.status, message.backend, message.reference) == (TextMessage.Status.SENT, "aliyun", "123456^0")
    assert json.loads(aliyun.aliyun_query()["TemplateParam"]) == {"name": "张三", "course": "急救员培训",
                                                                  "time": "9:00"}
