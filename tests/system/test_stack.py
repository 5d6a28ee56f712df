"""`make stack`: one command starts web, worker and beat (honcho, Procfile) after migrating."""

import os
import signal
import subprocess

import pytest

from ._checks import unique_pdf, wait_until_processed
from ._stack import ROOT, SECRET_KEY, Stack, free_port, wait_for
from .conftest import seed_uploader

pytestmark = pytest.mark.system


def test_make_stack_runs_the_whole_service(
    private_postgres, private_redis, static_root, artifacts, tmp_path
):
    """scripts/stack.sh (what `make stack` runs) on an empty database: migrate, then serve."""
    database = "scr_system_stack"
    private_postgres.sql("postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    port = free_port()
    stack = Stack(
        name="stack",
        database_url=private_postgres.url(database),
        redis_url=private_redis.url(5),
        media_root=tmp_path / "media",
        static_root=static_root,
        logs=artifacts,
        port=port,
    )
    environment = {
        **stack.env(),
        # The production profile, as deployed; the settings module too.
        "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "STACK_PORT": str(port),
        "CELERY_BEAT_SCHEDULE_FILE": str(tmp_path / "celerybeat-schedule"),
        "WEB_CONCURRENCY": "2",
        "WORKER_CONCURRENCY": "1",
        "GUNICORN_CMD_ARGS": "--no-control-socket --access-logfile -",
    }
    log = (artifacts / "stack-honcho.log").open("w")
    honcho = subprocess.Popen(
        [str(ROOT / "scripts" / "stack.sh")],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = lambda: (artifacts / "stack-honcho.log").read_text(errors="replace")  # noqa: E731
    try:
        wait_for(
            lambda: honcho.poll() is None and stack.get("/healthz", expect=None)[0] == 200,
            timeout=240,
            what=f"the stack to serve /healthz\n{output()[-3000:]}",
        )
        text = output()
        assert "Created database scr_system_stack" in text
        assert "Applying collation.0001" in text  # migrations ran first
        for name in ("web.1", "worker.1", "beat.1"):
            assert f"{name} started" in text, text[-3000:]

        # The whole path: upload through the API, the worker reads it, search finds it.
        seeded = seed_uploader(stack)
        status, [outcome] = stack.api_upload(
            seeded["token"], seeded["review"], unique_pdf(tmp_path, "stack")
        )
        assert status == 202, outcome
        wait_until_processed(private_postgres, database, outcome["document"])
        wait_for(
            lambda: "beat: Starting" in output() or "Scheduler: Sending" in output(),
            timeout=30,
            what="beat to be running",
        )
        _, _, page = stack.get("/")
        assert b"/static/" in page
    finally:
        # Ctrl-C (SIGINT to honcho) stops all three.
        os.killpg(honcho.pid, signal.SIGINT)
        try:
            honcho.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(honcho.pid, signal.SIGKILL)
            raise
    assert honcho.returncode is not None
    with pytest.raises(OSError):  # nothing is left listening
        stack.request("/healthz", timeout=2)
