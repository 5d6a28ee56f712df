"""Rate limits for the summits' open doors (registering, contributing, reporting), kept in
the cache: a count per key that starts on the first hit and lapses after its window."""

from django.core.cache import cache


def limit_reached(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more attempt under ``key``; true once more than ``limit`` were made.

    The count lapses ``window_seconds`` after the first attempt. While the cache is
    unreachable nothing is counted, and nobody is refused for it.
    """
    full_key = f"summits-limit:{key}"
    if cache.add(full_key, 1, timeout=window_seconds):
        return False
    try:
        count = cache.incr(full_key)
    except ValueError:  # the key lapsed between the two calls, or the cache is down
        cache.add(full_key, 1, timeout=window_seconds)
        return False
    return count > limit


def requester_key(request) -> str:
    """Who is asking, for a limit: the signed-in user, or else the address asked from."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"address:{request.META.get('REMOTE_ADDR', '')}"
