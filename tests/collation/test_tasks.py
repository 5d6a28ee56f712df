"""Collation's Celery tasks (collation/tasks.py)."""

import pytest

from collation import tasks

pytestmark = pytest.mark.django_db


def test_no_collation_task_stores_a_result_so_sending_never_waits_on_the_result_store():
    for task in (
        tasks.process_document,
        tasks.requeue_stuck_jobs,
        tasks.refresh_review_issues,
        tasks.rebuild_review_issues,
    ):
        assert task.ignore_result is True, task.name
