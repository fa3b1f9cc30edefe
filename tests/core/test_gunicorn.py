"""A new gunicorn worker prepares Celery before its first request, and starts all the same when the broker is away."""

import logging

from gunicorn.config import Config
from kombu.exceptions import OperationalError

from redcross import gunicorn
from redcross.celery import app


def test_the_portals_gunicorn_settings_are_read_by_gunicorn():
    # As gunicorn reads `-c python:redcross.gunicorn`: every setting it knows, each checked by its validator.
    config = Config()
    names = [name for name in vars(gunicorn) if name in config.settings]
    for name in names:
        config.set(name, getattr(gunicorn, name))
    assert sorted(names) == ["bind", "post_worker_init", "workers"]
    assert config.bind == ["127.0.0.1:8000"] and config.workers == 2 and config.worker_class_str == "sync"


def test_a_new_worker_is_connected_to_the_broker_before_its_first_request():
    gunicorn.post_worker_init(worker=None)
    assert app.finalized
    with app.producer_or_acquire() as producer:
        assert producer.connection.connected


def test_a_broker_that_is_away_at_start_only_logs_a_warning(monkeypatch, caplog):
    def away(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(app, "producer_or_acquire", away)
    with caplog.at_level(logging.WARNING, logger="redcross.celery"):
        gunicorn.post_worker_init(worker=None)
    assert "could not be reached" in caplog.text
