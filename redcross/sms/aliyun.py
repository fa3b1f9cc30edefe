"""Alibaba Cloud SMS (阿里云短信服务) through its official SDK: SendSms with the kind's approved template."""

import json
import re

from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_dysmsapi20170525.models import SendSmsRequest
from alibabacloud_tea_openapi.exceptions import ThrottlingException
from alibabacloud_tea_openapi.utils_models import Config
from django.conf import settings
from Tea.exceptions import TeaException

from .backends import Answer, Sms
from .outbox import signature
from .providers import CONNECT_TIMEOUT, READ_TIMEOUT, missing_setting, retryable, split_endpoint, template_id

SETTINGS = ("SMS_ALIYUN_ACCESS_KEY_ID", "SMS_ALIYUN_ACCESS_KEY_SECRET")
# The SDK sends the message in the query string, which a network error repeats: number, template values, a code.
QUERY = re.compile(r"\?[^\s'\"]*")

# Whether trying later can help, by code or by family (the part before the last dot); the API error codes of the
# SMS documentation (help.aliyun.com/document_detail/101346). Codes not here are final.
RETRY = {
    "isv.BUSINESS_LIMIT_CONTROL": True,  # the number's frequency limit (per minute, hour, day)
    "isp.SYSTEM_ERROR": True,
    "isp.GATEWAY_ERROR": True,
    "Throttling": True,  # the API's own flow control: Throttling.User, Throttling.Api …
    "ServiceUnavailable": True,
    "InternalError": True,
    "isv.MOBILE_NUMBER_ILLEGAL": False,
    "isv.SMS_TEMPLATE_ILLEGAL": False,
    "isv.SMS_SIGNATURE_ILLEGAL": False,
    "isv.SMS_SIGNATURE_SCENE_ILLEGAL": False,
    "isv.TEMPLATE_MISSING_PARAMETERS": False,
    "isv.AMOUNT_NOT_ENOUGH": False,
    "isv.OUT_OF_SERVICE": False,  # stopped for want of balance
    "isv.DAY_LIMIT_CONTROL": False,  # the account's daily cap, set in the console: not lifted within the retries
    "isv.MONTH_LIMIT_CONTROL": False,
    "isp.RAM_PERMISSION_DENY": False,
    "InvalidAccessKeyId": False,
    "SignatureDoesNotMatch": False,
}


class AliyunBackend:
    """Sends through Alibaba Cloud: the keys of a RAM user allowed to send SMS, the signature, a template per kind."""

    name = "aliyun"

    def send(self, sms: Sms) -> Answer:
        missing = missing_setting(sms.kind, SETTINGS)
        if missing:
            return missing
        request = SendSmsRequest(
            phone_numbers=sms.mobile, sign_name=signature(),
            template_code=template_id(sms.kind),
            template_param=json.dumps(sms.params, ensure_ascii=False) if sms.params else None,
        )
        try:
            body = client().send_sms(request).body
        except TeaException as error:
            return failure(error)
        detail = f"{body.message} (request {body.request_id})"
        if body.code == "OK":
            return Answer(ok=True, code=body.code, detail=detail, reference=body.biz_id or "")
        return Answer(ok=False, code=body.code or "", detail=detail, retry=retryable(body.code or "", RETRY))


def client() -> Client:
    scheme, host = split_endpoint(settings.SMS_ALIYUN_ENDPOINT)
    return Client(Config(
        access_key_id=settings.SMS_ALIYUN_ACCESS_KEY_ID, access_key_secret=settings.SMS_ALIYUN_ACCESS_KEY_SECRET,
        endpoint=host, protocol=scheme, connect_timeout=CONNECT_TIMEOUT * 1000, read_timeout=READ_TIMEOUT * 1000,
    ))


def failure(error: TeaException) -> Answer:
    """An error the SDK raised: the provider's refusal (HTTP 4xx) by its code; throttling, the provider's own
    trouble (HTTP 5xx) and no answer at all (network, timeout: no code) are worth another try."""
    status = getattr(error, "status_code", None) or 0
    retry = (isinstance(error, ThrottlingException) or status >= 500 or not error.code
             or retryable(error.code, RETRY))
    cause = getattr(error, "inner_exception", None)  # no answer at all: the network error, wrapped
    detail = QUERY.sub("", str(getattr(cause, "message", None) or error.message or error))
    return Answer(ok=False, code=error.code or type(error).__name__, detail=detail, retry=retry)
