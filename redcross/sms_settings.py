"""Settings: the text-message provider, from the environment (.env.example lists the variables; star-imported by
redcross/settings.py)."""

import os

SMS_BACKEND = os.environ.get("SMS_BACKEND", "redcross.sms.backends.LogBackend")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
# Alibaba Cloud (SMS_BACKEND=redcross.sms.aliyun.AliyunBackend): the AccessKey of a RAM user allowed to send SMS.
SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("SMS_ALIYUN_ACCESS_KEY_ID", "")
SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("SMS_ALIYUN_ACCESS_KEY_SECRET", "")
SMS_ALIYUN_ENDPOINT = os.environ.get("SMS_ALIYUN_ENDPOINT") or "dysmsapi.aliyuncs.com"
# Tencent Cloud (SMS_BACKEND=redcross.sms.tencent.TencentBackend): API keys and the SMS application's SdkAppId.
SMS_TENCENT_SECRET_ID = os.environ.get("SMS_TENCENT_SECRET_ID", "")
SMS_TENCENT_SECRET_KEY = os.environ.get("SMS_TENCENT_SECRET_KEY", "")
SMS_TENCENT_SDK_APP_ID = os.environ.get("SMS_TENCENT_SDK_APP_ID", "")
SMS_TENCENT_REGION = os.environ.get("SMS_TENCENT_REGION") or "ap-guangzhou"
SMS_TENCENT_ENDPOINT = os.environ.get("SMS_TENCENT_ENDPOINT") or "sms.tencentcloudapi.com"
# The provider's approved template for each kind of message (TextMessage.Kind): SMS_TEMPLATE_LOGIN_CODE, …
SMS_TEMPLATES = {
    kind: os.environ.get(f"SMS_TEMPLATE_{kind.upper()}", "")
    for kind in ("login_code", "signup_confirmed", "signup_waiting", "promoted", "reminder", "session_changed",
                 "session_cancelled", "certificate_issued", "visit_requested", "visit_confirmed", "visit_declined")
}
