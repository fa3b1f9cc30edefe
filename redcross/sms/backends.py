"""What a backend is given and what it answers, and the backends that need no provider."""

import logging
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from redcross.masking import mask_phone

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "redcross.sms.backends.LogBackend"


@dataclass(frozen=True)
class Sms:
    """One message to one mainland mobile number.

    `text` is the whole message as the citizen reads it, signature included (what the log backend writes and
    what staff see); the providers send `kind`'s approved template filled with `params`, in their order.
    """

    mobile: str
    kind: str
    text: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """The provider's answer: `code` and `detail` as it gave them, its `reference` for the message, and whether
    a failure is worth another try later (`retry`: throttled, network, provider busy)."""

    ok: bool
    code: str = ""
    detail: str = ""
    reference: str = ""
    retry: bool = False


class Backend(Protocol):
    name: str

    def send(self, sms: Sms) -> Answer: ...


class LogBackend:
    """Sends nothing: writes the message to the log (the mobile number masked), for the quick start and tests."""

    name = "log"

    def send(self, sms: Sms) -> Answer:
        logger.info("SMS not sent (log backend) to %s: %s", mask_phone(sms.mobile), sms.text)
        return Answer(ok=True, code="LOGGED", detail="written to the log, not sent")


class LocmemBackend:
    """Keeps the messages in `outbox`, for tests that read what was sent."""

    name = "locmem"
    outbox: ClassVar[list[Sms]] = []

    def send(self, sms: Sms) -> Answer:
        self.outbox.append(sms)
        return Answer(ok=True, code="OK", reference=f"locmem-{len(self.outbox)}")


def get_backend() -> Backend:
    return import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))()
