from celery import shared_task
from django.db import connection


@shared_task
def ping() -> str:
    """A round trip through the broker, a worker and the database: answers "pong"."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"
