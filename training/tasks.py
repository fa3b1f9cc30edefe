from celery import shared_task

from . import notify


@shared_task
def notify_expiring_certificates() -> int:
    """Daily (see CELERY_BEAT_SCHEDULE): tell the training staff which certificates expire in the next 60 days."""
    return notify.notify_expiring_certificates()
