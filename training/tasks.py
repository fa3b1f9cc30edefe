from datetime import date

from celery import shared_task

from . import notify, sms


@shared_task
def notify_expiring_certificates() -> int:
    """Daily (see CELERY_BEAT_SCHEDULE): tell the training staff which certificates expire in the next 60 days."""
    return notify.notify_expiring_certificates()


@shared_task
def send_session_reminders(today: str | None = None) -> int:
    """Daily (see CELERY_BEAT_SCHEDULE): remind everyone confirmed for a session starting tomorrow (the day after
    `today`, YYYY-MM-DD, when given); safe to run again, each person is reminded once. Returns how many were queued."""
    return sms.remind_tomorrow(today=date.fromisoformat(today) if today else None)
