import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")

app = Celery("redcross")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
logger = logging.getLogger(__name__)


def ready_to_send() -> None:
    """Prepare what a web process's first task would otherwise prepare while a visitor waits (some 35 ms): the app's
    tasks, its result backend and a connection to the broker. Each gunicorn worker calls it once it has started
    (redcross/gunicorn.py): the first sign-ups of a crowd queue a text message."""
    try:
        app.finalize(auto=True)
        app.backend  # noqa: B018  (made on first use)
        with app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=1)
    except Exception:  # a broker that is not there yet is connected to on first use, as before
        logger.warning("Celery's broker could not be reached at start; it will be at the first task", exc_info=True)
