"""Tencent Cloud SMS (腾讯云短信) through its official SDK: SendSms (API 2021-01-11), the kind's approved template."""

from django.conf import settings
from tencentcloud.common.credential import Credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111.models import SendSmsRequest
from tencentcloud.sms.v20210111.sms_client import SmsClient

from .backends import Answer, Sms
from .outbox import signature
from .providers import READ_TIMEOUT, missing_setting, retryable, split_endpoint, template_id

SETTINGS = ("SMS_TENCENT_SECRET_ID", "SMS_TENCENT_SECRET_KEY", "SMS_TENCENT_SDK_APP_ID")

# Whether trying later can help, by code or by family (the part before the dot), for the API's errors and for
# each number's status alike (cloud.tencent.com/document/api/382/55981, error codes). Codes not here are final.
RETRY = {
    "LimitExceeded": True,  # frequency limits: PhoneNumberThirtySecondLimit, DeliveryFrequencyLimit …
    "RequestLimitExceeded": True,
    "InternalError": True,  # InternalError.Timeout, InternalError.OtherError …
    "FailedOperation": False,  # unapproved signature or template, no balance, number on the blocklist …
    "InvalidParameterValue": False,  # IncorrectPhoneNumber, TemplateParameterFormatError …
    "InvalidParameter": False,
    "MissingParameter": False,
    "UnauthorizedOperation": False,
    "UnsupportedOperation": False,
    "AuthFailure": False,  # SecretIdNotFound, SignatureFailure …
}


class TencentBackend:
    """Sends through Tencent Cloud: API keys, the SMS application's SdkAppId, the signature, a template per kind."""

    name = "tencent"

    def send(self, sms: Sms) -> Answer:
        missing = missing_setting(sms.kind, SETTINGS)
        if missing:
            return missing
        request = SendSmsRequest()
        request.PhoneNumberSet = [f"+86{sms.mobile}"]
        request.SmsSdkAppId = settings.SMS_TENCENT_SDK_APP_ID
        request.SignName = signature()
        request.TemplateId = template_id(sms.kind)
        # The template's {1}, {2} … take the values in the order Sms.params has them.
        request.TemplateParamSet = list(sms.params.values())
        try:
            response = client().SendSms(request)
        except TencentCloudSDKException as error:
            return failure(error)
        if not response.SendStatusSet:
            return Answer(ok=False, code="NO_STATUS", detail=f"no status for the number (request {response.RequestId})")
        status = response.SendStatusSet[0]
        detail = f"{status.Message} (request {response.RequestId})"
        if status.Code == "Ok":
            return Answer(ok=True, code=status.Code, detail=detail, reference=status.SerialNo or "")
        return Answer(ok=False, code=status.Code or "", detail=detail, retry=retryable(status.Code or "", RETRY))


def client() -> SmsClient:
    scheme, host = split_endpoint(settings.SMS_TENCENT_ENDPOINT)
    profile = ClientProfile(httpProfile=HttpProfile(protocol=scheme, endpoint=host, reqTimeout=READ_TIMEOUT))
    credential = Credential(settings.SMS_TENCENT_SECRET_ID, settings.SMS_TENCENT_SECRET_KEY)
    return SmsClient(credential, settings.SMS_TENCENT_REGION, profile)


def failure(error: TencentCloudSDKException) -> Answer:
    """An error the SDK raised: the provider's refusal (it has a request id) by its code; no usable answer (network,
    timeout, HTTP 5xx, a body the SDK cannot read) is worth another try."""
    code, message, request_id = error.get_code() or "", error.get_message(), error.get_request_id()
    if isinstance(message, bytes):  # the body of an HTTP error
        message = message.decode(errors="replace")
    detail = f"{message} (request {request_id})" if request_id else str(message)
    return Answer(ok=False, code=code or "TencentCloudSDKException", detail=detail,
                  retry=not request_id or retryable(code, RETRY))
