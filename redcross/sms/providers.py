"""What the provider backends (`aliyun`, `tencent`) share: their settings checked before sending, their code tables."""

from urllib.parse import urlsplit

from django.conf import settings

from .backends import Answer

# Timeouts for one call to a provider, in seconds: a worker waits no longer, and the outbox tries again later.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10


def not_configured(variable: str) -> Answer:
    """A message that cannot be sent until the operator sets `variable` (an environment variable): not tried again."""
    return Answer(ok=False, code="NOT_CONFIGURED", detail=f"{variable} is not set in the environment")


def missing_setting(kind: str, names: tuple[str, ...]) -> Answer | None:
    """The answer for the first of the settings `names` left empty, or for a missing template for `kind`; None when
    all are there. Each setting is named as its environment variable, so the answer says what to set."""
    for name in names:
        if not getattr(settings, name, ""):
            return not_configured(name)
    if not template_id(kind):
        return not_configured(f"SMS_TEMPLATE_{kind.upper()}")
    return None


def template_id(kind: str) -> str:
    """The provider's id of the approved template for `kind` (SMS_TEMPLATE_<KIND>)."""
    return getattr(settings, "SMS_TEMPLATES", {}).get(kind, "")


def retryable(code: str, table: dict[str, bool]) -> bool:
    """Whether trying later can help with the provider's `code`, as `table` says for the code itself or else for its
    family (`LimitExceeded` for `LimitExceeded.PhoneNumberDailyLimit`); a code the table does not know is final."""
    while code:
        if code in table:
            return table[code]
        code = code.rpartition(".")[0]
    return False


def split_endpoint(endpoint: str) -> tuple[str, str]:
    """The scheme and host of an endpoint setting: a host name is reached over HTTPS; a URL (a stand-in for the
    provider on this machine, http://127.0.0.1:8000) keeps its scheme."""
    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    return parts.scheme, parts.netloc
