"""The Redis cache, treated as empty while Redis is unreachable, so pages keep working.

The cache only ever holds what can be computed again (rendered public pages,
trend figures under a version key): losing it for a while costs speed, never
correctness. Found by the fault test that stops Redis (tests/system).
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class TolerantRedisCache(RedisCache):
    def _or(self, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except _UNREACHABLE as error:
            logger.warning("Cache unreachable, carrying on without it: %s", error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def set(self, *args, **kwargs):
        return self._or(None, super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._or([], super().set_many, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._or(False, super().add, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._or(False, super().delete, *args, **kwargs)

    def incr(self, *args, **kwargs):
        try:
            return super().incr(*args, **kwargs)
        except _UNREACHABLE as error:
            # Callers of incr already handle a missing key (ValueError).
            raise ValueError("cache unreachable") from error
