from celery import shared_task

from redcross.models import TextMessage

from .outbox import flush_started, text_send, waiting_messages

# Seconds before another try, by the number of tries made: a throttled provider is given time.
BACKOFF = (60, 300, 900)


def _later(message_id: int) -> bool:
    return TextMessage.objects.filter(pk=message_id, status=TextMessage.Status.RETRY).exists()


@shared_task(bind=True, max_retries=len(BACKOFF), ignore_result=True)
def send_text(self, message_id: int) -> None:
    """Send one queued text message; a provider's "later" is tried again after a pause."""
    answer = text_send(message_id=message_id)
    if answer is not None and not answer.ok and answer.retry and _later(message_id):
        raise self.retry(countdown=BACKOFF[min(self.request.retries, len(BACKOFF) - 1)])


@shared_task(ignore_result=True)
def send_pending_texts() -> int:
    """Send every message waiting to be sent, oldest first; those the provider asks to try later go to
    `send_text`. Queued by the outbox after a commit, and by beat as a sweep. Returns how many were sent."""
    flush_started()
    sent = 0
    while batch := waiting_messages():
        for message_id in batch:
            answer = text_send(message_id=message_id)
            if answer is not None and answer.ok:
                sent += 1
            elif answer is not None and answer.retry and _later(message_id):
                send_text.apply_async((message_id,), countdown=BACKOFF[0])
    return sent
