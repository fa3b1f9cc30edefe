"""The Tencent Cloud backend with its real SDK talking to a stand-in for the provider on 127.0.0.1 that answers as
the provider does; nothing leaves the machine."""


import pytest

from redcross.models import TextMessage
from redcross.sms.backends import Sms
from redcross.sms.outbox import text_queue
from redcross.sms.tencent import TencentBackend
from tests.core.sms_stand_in import (
    MOBILE,
    Kind,
    login_code,
    reminder,
    tencent_error,
    tencent_status,
)


def test_tencent_sends_the_kinds_template_with_its_values_in_order_and_keeps_the_serial_no(tencent):
    tencent.reply = (200, tencent_status("Ok", serial_no="5000:1045710669157053657849499619"))

    answer = TencentBackend().send(reminder())

    assert (answer.ok, answer.code, answer.reference) == (True, "Ok", "5000:1045710669157053657849499619")
    body = tencent.tencent_body()
    assert body["PhoneNumberSet"] == [f"+86{MOBILE}"]
    assert body["SmsSdkAppId"] == "1400000001"
    assert body["SignName"] == "某市红十字会"
    assert body["TemplateId"] == "2000002"
    assert body["TemplateParamSet"] == ["张三", "急救员培训", "9:00"]
    headers = tencent.received[0]["headers"]
    assert (headers["X-TC-Action"], headers["X-TC-Version"], headers["X-TC-Region"]) == (
        "SendSms", "2021-01-11", "ap-guangzhou")


@pytest.mark.parametrize(("code", "retry"), [
    ("LimitExceeded.PhoneNumberThirtySecondLimit", True),
    ("LimitExceeded.DeliveryFrequencyLimit", True),
    ("InternalError.Timeout", True),
    ("FailedOperation.TemplateIncorrectOrUnapproved", False),
    ("FailedOperation.InsufficientBalanceInSmsPackage", False),
    ("InvalidParameterValue.IncorrectPhoneNumber", False),
    ("UnauthorizedOperation.RequestIpNotInWhitelist", False),
])
def test_tencent_status_of_the_number_is_tried_again_only_when_later_can_help(tencent, code, retry):
    tencent.reply = (200, tencent_status(code, message="refused by the provider"))

    answer = TencentBackend().send(login_code())

    assert (answer.ok, answer.code, answer.retry) == (False, code, retry)
    assert "refused by the provider" in answer.detail


@pytest.mark.parametrize(("code", "retry"), [
    ("AuthFailure.SecretIdNotFound", False),
    ("FailedOperation.SignatureIncorrectOrUnapproved", False),
    ("InvalidParameterValue.SdkAppIdNotExist", False),
    ("RequestLimitExceeded", True),
    ("InternalError", True),
])
def test_tencent_api_errors_are_mapped_by_code(tencent, code, retry):
    tencent.reply = (200, tencent_error(code, "The provided credentials could not be validated."))

    answer = TencentBackend().send(login_code())

    assert (answer.ok, answer.code, answer.retry) == (False, code, retry)
    assert "could not be validated" in answer.detail


def test_tencent_server_error_is_tried_again(tencent):
    tencent.reply = (502, "<html><body>502 Bad Gateway</body></html>")

    answer = TencentBackend().send(login_code())

    assert (answer.ok, answer.retry) == (False, True)


def test_tencent_unreachable_is_tried_again(tencent, settings, closed_port_url):
    settings.SMS_TENCENT_ENDPOINT = closed_port_url

    answer = TencentBackend().send(login_code("483920"))

    assert (answer.ok, answer.code, answer.retry) == (False, "ClientNetworkError", True)
    assert "Connection refused" in answer.detail
    assert MOBILE not in answer.detail and "483920" not in answer.detail


@pytest.mark.parametrize("variable", ["SMS_TENCENT_SECRET_ID", "SMS_TENCENT_SECRET_KEY", "SMS_TENCENT_SDK_APP_ID"])
def test_tencent_without_its_settings_names_the_missing_variable_and_sends_nothing(tencent, settings, variable):
    setattr(settings, variable, "")

    answer = TencentBackend().send(login_code())

    assert (answer.ok, answer.retry) == (False, False)
    assert variable in answer.detail
    assert tencent.received == []


def test_tencent_without_the_kinds_template_names_its_variable(tencent, settings):
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.SESSION_CANCELLED: ""}

    answer = TencentBackend().send(Sms(mobile=MOBILE, kind=Kind.SESSION_CANCELLED, text="培训取消"))

    assert (answer.ok, answer.retry) == (False, False)
    assert "SMS_TEMPLATE_SESSION_CANCELLED" in answer.detail


# Both


@pytest.mark.django_db
def test_a_message_tencent_refuses_for_good_is_failed_at_the_first_attempt(
    tencent, settings, django_capture_on_commit_callbacks,
):
    settings.SMS_BACKEND = "redcross.sms.tencent.TencentBackend"
    settings.SMS_SEND_INLINE = True
    tencent.reply = (200, tencent_status("InvalidParameterValue.IncorrectPhoneNumber", message="incorrect number"))

    with django_capture_on_commit_callbacks(execute=True):
        text_queue(key="reminder:2", kind=Kind.REMINDER, mobile=MOBILE, body="明天培训", params={"name": "张三"})

    message = TextMessage.objects.get(key="reminder:2")
    assert (message.status, message.attempts, message.backend) == (TextMessage.Status.FAILED, 1, "tencent")
    assert message.answer_code == "InvalidParameterValue.IncorrectPhoneNumber"


@pytest.mark.django_db
def test_tencent_gets_the_values_in_the_order_the_app_gave_them(
    tencent, settings, django_capture_on_commit_callbacks,
):
    settings.SMS_BACKEND = "redcross.sms.tencent.TencentBackend"
    settings.SMS_SEND_INLINE = True
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.SIGNUP_CONFIRMED: "2000003"}
    tencent.reply = (200, tencent_status("Ok", serial_no="5000:1"))

    with django_capture_on_commit_callbacks(execute=True):
        text_queue(key="signup:order", kind=Kind.SIGNUP_CONFIRMED, mobile=MOBILE, body="报名成功",
                   params={"name": "张三", "title": "急救员培训", "time": "6月1日 9:00", "place": "市红十字会"})

    assert tencent.tencent_body()["TemplateParamSet"] == ["张三", "急救员培训", "6月1日 9:00", "市红十字会"]
