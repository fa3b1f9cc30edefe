from celery import shared_task

from .outbox import text_send

# Seconds before another try, by the number of tries made: a throttled provider is given time.
BACKOFF = (60, 300, 900)


@shared_task(bind=True, max_retries=len(BACKOFF), ignore_result=True)
def send_text(self, message_id: int) -> None:
    """Send one queued text message; a provider's "later" is tried again after a pause."""
    answer = text_send(message_id=message_id)
    if answer is not None and not answer.ok and answer.retry:
        from redcross.models import TextMessage

        if TextMessage.objects.filter(pk=message_id, status=TextMessage.Status.RETRY).exists():
            raise self.retry(countdown=BACKOFF[min(self.request.retries, len(BACKOFF) - 1)])
