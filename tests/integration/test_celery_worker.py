import time

import pytest
from celery.result import AsyncResult

from scr_platform.celery import health_check

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]


def test_a_real_worker_runs_the_health_task_through_redis(start_worker, redis_broker, tmp_path):
    start_worker("health")
    result = health_check.delay()
    assert isinstance(result, AsyncResult)  # not an in-process EagerResult
    assert result.get(timeout=30) == "pong"
    # The worker writes its log line just after sending the result.
    deadline = time.monotonic() + 10
    while "succeeded" not in (log := (tmp_path / "health.log").read_text()):
        assert time.monotonic() < deadline, log
        time.sleep(0.1)
    assert result.id in log


def test_tasks_are_acknowledged_late_and_only_json_is_accepted():
    from scr_platform.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
