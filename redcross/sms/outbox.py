"""Queueing, sending and resending text messages: the one door for every message to a citizen."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.models import BranchProfile, TextMessage

from .backends import Answer, Sms, get_backend

logger = logging.getLogger(__name__)

Status = TextMessage.Status
# Tries for an answer that says "later" (throttled, network, provider busy) before the message counts as failed.
MAX_ATTEMPTS = 3
# Values of a kind that must not stay on record once sent (a one-time code): replaced by this.
HIDDEN = "******"
SECRET_PARAMS = {TextMessage.Kind.LOGIN_CODE: ("code",)}


def signature() -> str:
    """The branch's SMS signature (签名), as registered with the provider: SMS_SIGN_NAME or the short name."""
    return getattr(settings, "SMS_SIGN_NAME", "") or str(BranchProfile.load().short_name)


def text_queue(
    *, key: str, kind: str, mobile: str, body: str, params: dict | None = None, about: models.Model | None = None,
    by=None,
) -> TextMessage | None:
    """Queue one message under `key`, sent once the transaction commits; None when that key was queued before.

    `body` is the message without its signature; `params` are the values the provider's template takes.
    """
    message = TextMessage(
        key=key[:120], kind=kind, mobile=mobile, text=f"【{signature()}】{body}"[:500],
        params={name: str(value) for name, value in (params or {}).items()}, queued_by=by,
    )
    if about is not None:
        message.subject_type = ContentType.objects.get_for_model(about)
        message.subject_id = about.pk
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None
    transaction.on_commit(lambda: dispatch(message.pk))
    return message


def dispatch(message_id: int) -> None:
    """Hand the message to a worker, or send it here and now where the settings say so (no broker)."""
    if settings.SMS_SEND_INLINE or settings.CELERY_TASK_ALWAYS_EAGER:
        text_send(message_id=message_id)
        return
    from .tasks import send_text

    send_text.delay(message_id)


def _claim(message_id: int) -> TextMessage | None:
    claimed = TextMessage.objects.filter(pk=message_id, status__in=(Status.PENDING, Status.RETRY)).update(
        status=Status.SENDING, attempts=F("attempts") + 1,
    )
    return TextMessage.objects.get(pk=message_id) if claimed else None


def text_send(*, message_id: int) -> Answer | None:
    """Send a queued message once: nothing when another run has it or it was sent. Returns the provider's answer.

    A failure worth another try leaves the message to be tried again (the task retries it) until MAX_ATTEMPTS.
    """
    message = _claim(message_id)
    if message is None:
        return None
    backend = get_backend()
    sms = Sms(mobile=message.mobile, kind=message.kind, text=message.text, params=dict(message.params))
    try:
        answer = backend.send(sms)
    except Exception as error:  # a backend that raises is a provider error like any other: kept, tried again
        logger.exception("SMS backend %s raised for message %s", backend.name, message.pk)
        answer = Answer(ok=False, code=type(error).__name__, detail=str(error), retry=True)
    if answer.ok:
        message.status, message.sent_at = Status.SENT, timezone.now()
    elif answer.retry and message.attempts < MAX_ATTEMPTS:
        message.status = Status.RETRY
    else:
        message.status = Status.FAILED
    message.backend = backend.name
    message.answer_code, message.answer_detail = answer.code[:100], answer.detail[:500]
    message.reference = answer.reference[:100]
    if message.status in (Status.SENT, Status.FAILED):
        _hide_secrets(message)
    message.save(update_fields=["status", "sent_at", "backend", "answer_code", "answer_detail", "reference",
                                "params", "text"])
    return answer


def _hide_secrets(message: TextMessage) -> None:
    for name in SECRET_PARAMS.get(message.kind, ()):
        value = message.params.get(name)
        if value:
            message.params[name] = HIDDEN
            message.text = message.text.replace(value, HIDDEN)


def text_resend(*, message: TextMessage, by) -> TextMessage:
    """Staff send a message again, as a new message that points to the first; a one-time code is never resent."""
    if message.kind == TextMessage.Kind.LOGIN_CODE:
        raise ValidationError(_("A one-time code is never sent again: the citizen asks for a new one."),
                              code="login_code")
    if message.status in (Status.PENDING, Status.SENDING, Status.RETRY):
        raise ValidationError(_("This message has not been answered yet: wait for its answer before resending."),
                              code="not_answered")
    with transaction.atomic():
        count = TextMessage.objects.filter(resent_from=message).count()
        resend = TextMessage.objects.create(
            key=f"{message.key[:100]}:resend:{count + 1}", kind=message.kind, mobile=message.mobile,
            text=message.text, params=message.params, subject_type=message.subject_type,
            subject_id=message.subject_id, resent_from=message, queued_by=by,
        )
        transaction.on_commit(lambda: dispatch(resend.pk))
    return resend
