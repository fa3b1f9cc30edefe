"""Gunicorn's settings for the portal's web processes: `gunicorn -c python:redcross.gunicorn redcross.wsgi`.

Sync workers, one per core, behind nginx, which buffers slow connections (README: Deployment). Options given on the
command line win over these.
"""

bind = "127.0.0.1:8000"
workers = 2


def post_worker_init(worker):
    """A new worker prepares, before its first request, what the first sign-up of a crowd would otherwise wait for."""
    from redcross.celery import ready_to_send

    ready_to_send()
