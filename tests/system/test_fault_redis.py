"""Redis stopped: uploads are accepted and kept, and their processing resumes when it returns."""

import time

import pytest

from collation.services.processing import QUEUE_UNAVAILABLE_MESSAGE

from ._checks import files_under, job, unique_pdf, wait_until_processed
from .conftest import seed_uploader

pytestmark = pytest.mark.system


def test_uploads_with_redis_down_are_kept_and_processed_when_it_returns(
    make_stack, private_postgres, private_redis, tmp_path
):
    # Beat's sweep every 2 s instead of 300 s, so the test need not wait minutes.
    stack = make_stack(SYSTEM_SWEEP_SECONDS="2")
    seeded = seed_uploader(stack)
    stack.start_web()
    stack.start_worker()
    stack.start_beat()
    db = stack.name

    # Normal service first.
    status, [outcome] = stack.api_upload(
        seeded["token"], seeded["review"], unique_pdf(tmp_path, "before")
    )
    assert status == 202, outcome
    wait_until_processed(private_postgres, db, outcome["document"])

    private_redis.stop()
    try:
        # The health check says what is wrong.
        status, _, body = stack.get("/healthz", expect=503)
        assert b"redis" in body.lower()

        # An upload is accepted promptly (no 20 s hang, no 500) and says it is waiting.
        started = time.monotonic()
        status, [during] = stack.api_upload(
            seeded["token"], seeded["review"], unique_pdf(tmp_path, "during")
        )
        elapsed = time.monotonic() - started
        assert status == 202, during
        assert during["accepted"] is True
        assert elapsed < 10, f"the upload took {elapsed:.1f} s with Redis down"
        waiting = job(private_postgres, db, during["document"])
        assert (waiting.status, waiting.message) == ("queue_down", QUEUE_UNAVAILABLE_MESSAGE)
        # Nothing lost: the file is stored and matches what was sent.
        assert waiting.file and (stack.media_root / waiting.file).is_file()
        assert not files_under(stack.media_root / "incoming")

        # Published pages keep working; those that use the cache read it as empty.
        stack.get("/reviews/")
        stack.get("/search/?q=neglect")
        stack.get("/trends/")
        stack.get("/trends/grid.json")
        stack.get("/api/collation/reviews/")
    finally:
        private_redis.start()  # empty: nothing was persisted, as the brief's Redis runs

    # Worker and beat reconnect by themselves; beat's sweep sends the waiting job.
    state = wait_until_processed(private_postgres, db, during["document"], timeout=120)
    assert state.attempts == 1
    stack.get("/healthz")
    for role in ("web", "worker", "beat"):
        assert stack.processes[role].poll() is None, f"{role} died:\n{stack.log_text(role)[-3000:]}"

    # And new uploads go straight through again.
    status, [after] = stack.api_upload(
        seeded["token"], seeded["review"], unique_pdf(tmp_path, "after")
    )
    assert status == 202, after
    wait_until_processed(private_postgres, db, after["document"])
    assert "Traceback" not in stack.log_text("web"), stack.log_text("web")[-3000:]
