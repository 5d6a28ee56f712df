"""Whole-service tests: private PostgreSQL and Redis, the real processes, real faults.

They run in the second CI stage, ``make proof-system`` (``pytest -m system
tests/system``), not inside ``make test``: each starts gunicorn, Celery and
database servers and takes tens of seconds. A run that neither selects the
``system`` marker nor names this folder deselects them (and says so), so the
suite's one command stays fast and nothing runs twice in CI.

Logs of every process (gunicorn, worker, beat, PostgreSQL, Redis) are kept
under ``$SYSTEM_ARTIFACTS_DIR`` (default ``test-artifacts/system/``); the
folder is printed at the end of the run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ._stack import ROOT, SEED_UPLOADER, PrivatePostgres, PrivateRedis, Stack

ARTIFACTS = Path(
    os.environ.get("SYSTEM_ARTIFACTS_DIR")
    or Path(os.environ.get("TEST_ARTIFACTS_DIR", ROOT / "test-artifacts")) / "system"
)
TEMPLATE = "scr_system_template"


def _system_run_requested(config) -> bool:
    if "system" in (config.option.markexpr or ""):
        return True
    here = Path(__file__).parent.resolve()
    for arg in config.args:
        path = (Path(config.invocation_params.dir) / arg.split("::")[0]).resolve()
        if path == here or here in path.parents:
            return True
    return False


def pytest_collection_modifyitems(config, items):
    if _system_run_requested(config):
        return
    deselected = [item for item in items if item.get_closest_marker("system")]
    if deselected:
        items[:] = [item for item in items if not item.get_closest_marker("system")]
        config.hook.pytest_deselected(items=deselected)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _system_run_requested(config) and ARTIFACTS.exists():
        terminalreporter.write_line(f"System test logs and backups: {ARTIFACTS}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def private_postgres(artifacts):
    server = PrivatePostgres()
    server.init()
    server.start()
    yield server
    if server.log.exists():
        shutil.copy(server.log, artifacts / "postgres.log")
    server.destroy()


@pytest.fixture(scope="session")
def private_redis(artifacts):
    server = PrivateRedis(artifacts)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def static_root(artifacts) -> Path:
    """Collected once: the production profile serves the hashed files from a manifest."""
    folder = artifacts / "static"
    if not (folder / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
                "DJANGO_DEBUG": "false",
                "DJANGO_SECRET_KEY": "collectstatic-only-" + "x" * 40,
                "DATABASE_URL": "sqlite://:memory:",
                "DJANGO_STATIC_ROOT": str(folder),
            },
            check=True,
            timeout=600,
        )
    return folder


@pytest.fixture(scope="session")
def template_database(private_postgres, private_redis, static_root, artifacts, tmp_path_factory):
    """A migrated database each test copies (CREATE DATABASE … TEMPLATE), so migrate runs once."""
    url = private_postgres.create_database(TEMPLATE)
    stack = Stack(
        name="template",
        database_url=url,
        redis_url=private_redis.url(0),
        media_root=tmp_path_factory.mktemp("template-media"),
        static_root=static_root,
        logs=artifacts,
    )
    stack.manage("migrate", "--no-input", timeout=600)
    return TEMPLATE


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:50]


@pytest.fixture
def make_stack(
    request, private_postgres, private_redis, template_database, static_root, artifacts, tmp_path
):
    """Build a Stack over a fresh copy of the migrated database and an empty media folder."""
    stacks: list[Stack] = []
    if not private_redis.ping():  # an earlier test stopped it and failed before restarting
        private_redis.start()

    def make(suffix: str = "", *, media_root: Path | None = None, **extra_env: str) -> Stack:
        name = _slug(f"{request.node.name}{suffix}")
        private_postgres.sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        url = private_postgres.create_database(name, template=template_database)
        index = len(stacks)
        redis_url = private_redis.url(index)
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        stack = Stack(
            name=name,
            database_url=url,
            redis_url=redis_url,
            media_root=media_root or (tmp_path / f"media{index}"),
            static_root=static_root,
            logs=artifacts,
            extra_env=extra_env,
        )
        stack.media_root.mkdir(parents=True, exist_ok=True)
        stacks.append(stack)
        return stack

    yield make
    for stack in stacks:
        stack.stop_all()
    if not private_redis.ping():
        private_redis.start()


def seed_uploader(stack: Stack) -> dict:
    """A board, its manager with an API token, and a draft review, in the stack's database."""
    return json.loads(stack.shell(SEED_UPLOADER).strip().splitlines()[-1])
