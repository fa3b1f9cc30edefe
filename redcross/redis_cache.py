"""Django's Redis cache, with one Redis client per connection pool instead of a new one for every operation.

Django builds a `redis.Redis` object on every cache call, and redis-py fills some hundred response callbacks each
time it does: about a fifth of a millisecond, more than the round trip to Redis on the same machine, paid by
every page served from the page cache. A client is safe to share between threads (its pool hands out
connections), so each pool keeps one.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
