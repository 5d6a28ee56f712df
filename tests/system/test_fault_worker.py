"""The worker killed mid-job: the document is finished by a worker, complete and exactly once."""

import os
import signal
from pathlib import Path

import pytest

from ._checks import job, long_report, wait_until_processed
from ._stack import wait_for
from .conftest import seed_uploader

pytestmark = pytest.mark.system

PAGES = 600


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The parent pid is the second field after the command's closing bracket.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def extracting(private_postgres, db, document_id):
    state = job(private_postgres, db, document_id)
    return state.status == "extracting" and state.progress >= 40 and state


@pytest.fixture
def stack(make_stack):
    stack = make_stack(SYSTEM_SWEEP_SECONDS="2")
    stack.seeded = seed_uploader(stack)
    stack.start_web()
    return stack


def upload_long(stack, tmp_path, tag):
    pdf = long_report(tmp_path, PAGES, tag)
    status, [outcome] = stack.api_upload(stack.seeded["token"], stack.seeded["review"], pdf)
    assert status == 202, outcome
    return outcome["document"]


def test_the_pool_process_killed_mid_job_is_redelivered_at_once(stack, private_postgres, tmp_path):
    """The usual case (the kernel's OOM killer takes the busy child): Celery redelivers."""
    worker = stack.start_worker(concurrency=1)
    document = upload_long(stack, tmp_path, "child")
    wait_for(
        lambda: extracting(private_postgres, stack.name, document),
        timeout=90,
        what="the worker to be part-way through the document",
        interval=0.05,
    )
    [child] = children(worker.pid)
    os.kill(child, signal.SIGKILL)

    # Nothing half-written: pages are stored only once the whole document is read.
    assert job(private_postgres, stack.name, document).pages == 0
    state = wait_until_processed(private_postgres, stack.name, document, timeout=180)
    assert state.attempts == 2
    assert "WorkerLostError" in stack.log_text("worker")
    assert worker.poll() is None  # the worker itself carried on


def test_the_whole_worker_killed_mid_job_is_taken_up_by_the_sweep(
    stack, private_postgres, tmp_path
):
    """The machine or container dies: no process is left to redeliver; beat's sweep does."""
    stack.start_worker(concurrency=1)
    stack.start_beat()
    document = upload_long(stack, tmp_path, "whole")
    wait_for(
        lambda: extracting(private_postgres, stack.name, document),
        timeout=90,
        what="the worker to be part-way through the document",
        interval=0.05,
    )
    stack.stop("worker", signal.SIGKILL)  # the whole process group, at once
    assert job(private_postgres, stack.name, document).pages == 0

    stack.start_worker(concurrency=1)
    # The sweep re-queues a job whose heartbeat stopped ten minutes ago; rather
    # than wait ten minutes, the heartbeat is moved back.
    private_postgres.sql(
        stack.name,
        "UPDATE collation_processingjob SET updated_at = now() - interval '11 minutes' "
        "WHERE document_id = %s",
        document,
    )
    state = wait_until_processed(private_postgres, stack.name, document, timeout=180)
    assert state.attempts == 2
    assert "Re-queued stuck processing jobs" in stack.log_text("worker")
