"""Health checks for ``/healthz``: the database and, when configured, Redis."""

import redis
from django.conf import settings
from django.db import connection


def database_check() -> str:
    """'ok', or the reason the database cannot answer a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def redis_check() -> str:
    """'ok', 'not configured' on the embedded default, or why Redis is unreachable."""
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        client.ping()
    except redis.RedisError as error:
        return f"error: {error.__class__.__name__}"
    return "ok"


def health_report() -> tuple[bool, dict[str, str]]:
    """Whether everything configured is healthy, and each check's result."""
    checks = {"database": database_check(), "redis": redis_check()}
    healthy = all(result in ("ok", "not configured") for result in checks.values())
    return healthy, checks
