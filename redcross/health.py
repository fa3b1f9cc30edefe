"""The state of the services the portal needs, for /healthz and for operators."""

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def redis_ok(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


def service_states() -> dict[str, str]:
    states = {"database": "ok" if database_ok() else "error"}
    if settings.REDIS_URL:
        states["redis"] = "ok" if redis_ok(settings.REDIS_URL) else "error"
    else:
        states["redis"] = "not configured"
    return states
