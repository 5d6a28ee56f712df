"""The production cache carries on, empty, while Redis is unreachable."""

import socket

import pytest

from scr_platform.cache import TolerantRedisCache


@pytest.fixture
def unreachable_cache():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )


def test_reads_miss_and_writes_are_dropped(unreachable_cache):
    assert unreachable_cache.get("page", "fallback") == "fallback"
    assert unreachable_cache.get_many(["a", "b"]) == {}
    unreachable_cache.set("page", "html")  # no error
    assert unreachable_cache.add("page", "html") is False
    assert unreachable_cache.delete("page") is False


def test_incr_reports_a_missing_key_as_callers_expect(unreachable_cache):
    with pytest.raises(ValueError):
        unreachable_cache.incr("version")
