"""What beat runs and when (CELERY_BEAT_SCHEDULE), in China time (CELERY_TIMEZONE)."""

from datetime import datetime, timedelta

from celery.schedules import crontab


def time_of_day(name: str, value: str) -> datetime:
    try:
        return datetime.strptime(value, "%H:%M")
    except ValueError:
        raise ValueError(f"{name} must be a time of day as HH:MM (China time), not {value!r}.") from None


def beat_schedule(reports_at: str, *, reminders_at: str = "10:00") -> dict:
    """The periodic tasks. The report of the month, quarter and year just closed is queued on the first day after
    it at `reports_at` (HH:MM; the quarter and the year 10 and 20 minutes later); records entered later for a closed
    period mark its report out of date, with one click to make a new version. Citizens signed up for tomorrow's
    sessions are reminded daily at `reminders_at`. ValueError, naming the setting, for a time not HH:MM."""
    first = time_of_day("REPORTS_AT", reports_at)
    reminders = time_of_day("REMINDERS_AT", reminders_at)

    def after_a_period(offset: int, **days):
        moment = first + timedelta(minutes=offset)
        return crontab(hour=moment.hour, minute=moment.minute, day_of_month=moment.day - first.day + 1, **days)

    return {
        "reports-month": {
            "task": "redcross.reports.tasks.queue_closed_period", "args": ["month"], "schedule": after_a_period(0),
        },
        "reports-quarter": {
            "task": "redcross.reports.tasks.queue_closed_period", "args": ["quarter"],
            "schedule": after_a_period(10, month_of_year="1,4,7,10"),
        },
        "reports-year": {
            "task": "redcross.reports.tasks.queue_closed_period", "args": ["year"],
            "schedule": after_a_period(20, month_of_year=1),
        },
        "training-session-reminders": {
            "task": "training.tasks.send_session_reminders",
            "schedule": crontab(hour=reminders.hour, minute=reminders.minute),
        },
        "training-expiring-certificates": {
            "task": "training.tasks.notify_expiring_certificates",
            "schedule": crontab(hour=8, minute=0),
        },
        # Text messages still waiting to be sent (their task lost, or queued while the broker was down).
        "sms-send-waiting": {
            "task": "redcross.sms.tasks.send_pending_texts",
            "schedule": timedelta(minutes=5),
        },
        # Reports whose worker was lost (killed with its message unacknowledged) queued again, long before the
        # broker's 2-hour visibility timeout.
        "reports-requeue-lost": {
            "task": "redcross.reports.tasks.requeue_lost_reports",
            "schedule": timedelta(minutes=5),
        },
    }
