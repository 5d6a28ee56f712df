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


def test_a_worker_process_preloads_the_analysis_when_it_starts(monkeypatch):
    from celery.signals import worker_process_init

    from collation import analysis

    loaded = []
    monkeypatch.setattr(analysis, "analysis_preload", lambda: loaded.append(True))
    worker_process_init.send(sender=None)
    assert loaded == [True]
