"""Queueing, sending and resending text messages: the one door for every message to a citizen."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
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
# Set while a task to send the waiting messages is queued; it lapses in case that task is lost.
FLUSH_QUEUED = "sms:flush-queued"
FLUSH_QUEUED_SECONDS = 60
# Values of a kind that must not stay on record once sent (a one-time code): replaced by this.
HIDDEN = "******"
KEY_LENGTH = 120
# A message still "being sent" after this long lost its worker midway: staff may send it again.
STUCK_AFTER = timedelta(minutes=10)
SECRET_PARAMS = {TextMessage.Kind.LOGIN_CODE: ("code",)}


def signature() -> str:
    """The branch's SMS signature (签名), as registered with the provider: SMS_SIGN_NAME or the short name."""
    return getattr(settings, "SMS_SIGN_NAME", "") or str(BranchProfile.load().short_name)


def text_queue(
    *, key: str, kind: str, mobile: str, body: str, params: dict | None = None, about: models.Model | None = None,
    by=None, first: bool = False,
) -> TextMessage | None:
    """Queue one message under `key`, sent once the transaction commits; None when that key was queued before.

    `body` is the message without its signature; `params` are the values the provider's template takes. `first`
    says that nothing can have been queued under `key` (it names a record created in the caller's transaction): no
    savepoint then guards the insert in the caller's transaction (two statements less for each sign-up of a crowd),
    and a conflict raises IntegrityError.
    """
    message = TextMessage(
        key=_fitted(key), kind=kind, mobile=mobile, text=f"【{signature()}】{body}"[:500],
        # Name and value pairs, in the template's order (a JSON object's keys would come back reordered).
        params=[[name, str(value)] for name, value in (params or {}).items()], queued_by=by,
    )
    if about is not None:
        message.subject_type = ContentType.objects.get_for_model(about)
        message.subject_id = about.pk
    if first:
        message.save()  # nothing can be under its key: a conflict is an error, not a message queued before
    else:
        try:
            if transaction.get_connection().in_atomic_block:
                with transaction.atomic():  # a key queued before must not break the caller's transaction
                    message.save()
            else:
                message.save()
        except IntegrityError:
            return None
    transaction.on_commit(lambda: dispatch(message.pk))
    return message


def _fitted(key: str) -> str:
    """The key as stored: a long one keeps its beginning and a digest of the whole, so two never become one."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[:KEY_LENGTH - 41]}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def dispatch(message_id: int) -> None:
    """Have the message sent: here and now where the settings say so (no broker), otherwise by a worker.

    A worker sends every waiting message in one task (`send_pending_texts`), queued by the first message that
    finds none queued: one request of a crowd signing up pays for the task, the others for one Redis command.
    """
    if settings.SMS_SEND_INLINE or settings.CELERY_TASK_ALWAYS_EAGER:
        text_send(message_id=message_id)
        return
    if cache.add(FLUSH_QUEUED, True, FLUSH_QUEUED_SECONDS):
        from .tasks import send_pending_texts

        send_pending_texts.delay()


def flush_started() -> None:
    """A task sending the waiting messages begins: a message committed from now on queues a task of its own."""
    cache.delete(FLUSH_QUEUED)


def waiting_messages(limit: int = 100) -> list[int]:
    return list(TextMessage.objects.filter(status=Status.PENDING).order_by("pk").values_list("pk", flat=True)[:limit])


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
    secret = SECRET_PARAMS.get(message.kind, ())
    for pair in message.params:
        name, value = pair
        if name in secret and value:
            pair[1] = HIDDEN
            message.text = message.text.replace(value, HIDDEN)


def text_resend(*, message: TextMessage, by) -> TextMessage:
    """Staff send a message again, as a new message that points to the first: a message answered (or stuck), and the
    latest about its record, so that what it says is still the news; a one-time code is never resent."""
    if message.kind == TextMessage.Kind.LOGIN_CODE:
        raise ValidationError(_("A one-time code is never sent again: the citizen asks for a new one."),
                              code="login_code")
    stuck = message.status == Status.SENDING and message.created_at < timezone.now() - STUCK_AFTER
    if message.status in (Status.PENDING, Status.SENDING, Status.RETRY) and not stuck:
        raise ValidationError(_("This message has not been answered yet: wait for its answer before resending."),
                              code="not_answered")
    later = TextMessage.objects.filter(subject_type=message.subject_type, subject_id=message.subject_id,
                                       created_at__gt=message.created_at)
    if message.subject_id is not None and later.exists():
        raise ValidationError(_("A later message about the same record has told the citizen something newer: only "
                                "the latest one can be sent again."), code="not_latest")
    with transaction.atomic():
        count = TextMessage.objects.filter(resent_from=message).count()
        resend = TextMessage.objects.create(
            key=f"{message.key[:100]}:resend:{count + 1}", kind=message.kind, mobile=message.mobile,
            text=message.text, params=message.params, subject_type=message.subject_type,
            subject_id=message.subject_id, resent_from=message, queued_by=by,
        )
        transaction.on_commit(lambda: dispatch(resend.pk))
    return resend
