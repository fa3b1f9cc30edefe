"""The Alibaba Cloud and Tencent Cloud backends, each with its real SDK talking to a stand-in for the provider on
127.0.0.1 that answers as the provider does; nothing leaves the machine."""

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from redcross.models import BranchProfile, TextMessage
from redcross.sms.aliyun import AliyunBackend
from redcross.sms.backends import Sms
from redcross.sms.outbox import text_queue
from redcross.sms.tencent import TencentBackend

Kind = TextMessage.Kind
MOBILE = "13800138000"
ALIYUN_SECRET = "aliyun-secret-never-to-be-seen"
TENCENT_SECRET = "tencent-secret-never-to-be-seen"


class StandIn:
    """An HTTP server that keeps what it received and answers every request with `reply` (status, JSON)."""

    def __init__(self):
        self.received: list[dict] = []
        self.reply: tuple[int, object] = (200, {})
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stand_in.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, answer = stand_in.reply
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if not isinstance(answer, str) else "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def aliyun_query(self) -> dict[str, str]:
        (request,) = self.received
        return {name: values[0] for name, values in parse_qs(urlsplit(request["path"]).query).items()}

    def tencent_body(self) -> dict:
        (request,) = self.received
        return json.loads(request["body"])


@pytest.fixture
def stand_in(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = StandIn()
    thread = threading.Thread(target=server.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def closed_port_url():
    """The address of a port nothing listens on: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def aliyun(settings, stand_in):
    settings.SMS_ALIYUN_ACCESS_KEY_ID = "LTAI-test-id"
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = ALIYUN_SECRET
    settings.SMS_ALIYUN_ENDPOINT = stand_in.url
    settings.SMS_SIGN_NAME = "某市红十字会"
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.LOGIN_CODE: "SMS_480001", Kind.REMINDER: "SMS_480002"}
    return stand_in


@pytest.fixture
def tencent(settings, stand_in):
    settings.SMS_TENCENT_SECRET_ID = "AKID-test-id"
    settings.SMS_TENCENT_SECRET_KEY = TENCENT_SECRET
    settings.SMS_TENCENT_SDK_APP_ID = "1400000001"
    settings.SMS_TENCENT_ENDPOINT = stand_in.url
    settings.SMS_SIGN_NAME = "某市红十字会"
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.LOGIN_CODE: "2000001", Kind.REMINDER: "2000002"}
    return stand_in


def login_code(code="483920") -> Sms:
    return Sms(mobile=MOBILE, kind=Kind.LOGIN_CODE, text=f"【某市红十字会】您的验证码是{code}", params={"code": code})


def reminder() -> Sms:
    return Sms(mobile=MOBILE, kind=Kind.REMINDER, text="【某市红十字会】张三您好，急救员培训明天9:00开始",
               params={"name": "张三", "course": "急救员培训", "time": "9:00"})


def aliyun_answer(code, message="OK", biz_id=None):
    answer = {"Code": code, "Message": message, "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990"}
    if biz_id:
        answer["BizId"] = biz_id
    return answer


def tencent_status(code, message="send success", serial_no=""):
    return {"Response": {"SendStatusSet": [{
        "SerialNo": serial_no, "PhoneNumber": f"+86{MOBILE}", "Fee": 1 if code == "Ok" else 0, "SessionContext": "",
        "Code": code, "Message": message, "IsoCode": "CN",
    }], "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279"}}


def tencent_error(code, message):
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": "ed93f3cb-f35e-473f-b9f3"}}


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
