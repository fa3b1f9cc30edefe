from celery import shared_task
from django.db import connection


@shared_task
def ping() -> str:
    """A round trip through the broker, a worker and the database: answers "pong"."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"


# Tasks of the core's packages, which Celery's autodiscovery (`<app>.tasks`) does not look into.
from .sms.tasks import send_text  # noqa: E402, F401
