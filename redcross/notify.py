"""Messages to staff (email, SMS …) through the backend named by the NOTIFY_BACKEND setting.

The default backend only writes the message to the log, so nothing leaves the server until an operator chooses
a real one. A backend is a class with `send(message) -> int` (how many recipients it reached).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "redcross.notify.LogBackend"


@dataclass(frozen=True)
class Notification:
    subject: str
    body: str
    recipients: tuple[str, ...]


class LogBackend:
    """Sends nothing: logs the subject and the number of recipients (the body may name people)."""

    def send(self, notification: Notification) -> int:
        logger.info("Notification not sent (no backend configured): %s, to %d recipients",
                    notification.subject, len(notification.recipients))
        return 0


class LocmemBackend:
    """Keeps the messages in `outbox`, for tests."""

    outbox: list[Notification] = []

    def send(self, notification: Notification) -> int:
        self.outbox.append(notification)
        return len(notification.recipients)


class EmailBackend:
    """One email to all recipients through Django's email settings."""

    def send(self, notification: Notification) -> int:
        sent = send_mail(notification.subject, notification.body, None, list(notification.recipients))
        return len(notification.recipients) if sent else 0


def get_backend():
    return import_string(getattr(settings, "NOTIFY_BACKEND", DEFAULT_BACKEND))()


def notify(*, subject: str, body: str, recipients: Sequence[str]) -> int:
    """Send one message to these addresses; returns how many recipients the backend reached."""
    recipients = tuple(dict.fromkeys(address for address in recipients if address))
    if not recipients:
        return 0
    return get_backend().send(Notification(subject=str(subject), body=str(body), recipients=recipients))
