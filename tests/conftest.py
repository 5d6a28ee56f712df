"""Fixtures shared by the whole suite: a user per role, API clients, a real Celery worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from scr_platform.accounts.choices import Role
from scr_platform.celery import app as celery_app
from tests.factories import BoardFactory, UserFactory

# Chromium's launch settings and the screenshot-and-axe step, for every folder.
pytest_plugins = ["tests.browser.plugin", "tests.smtp"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached figures never leak between tests.

    (Inside a test's transaction the on-commit hooks that invalidate caches never run.)
    """
    from django.core.cache import cache

    from scr_platform import response_cache

    cache.clear()
    response_cache._IN_PROCESS.clear()  # values kept in this process, per public version


@pytest.fixture
def board(db):
    return BoardFactory(name="Northshire Safeguarding Children Board")


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Southshire Safeguarding Children Board")


@pytest.fixture
def manager(board):
    return UserFactory(username="manager", roles=[Role.LSCB_MANAGER], board=board)


@pytest.fixture
def other_manager(other_board):
    return UserFactory(username="other-manager", roles=[Role.LSCB_MANAGER], board=other_board)


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", roles=[Role.LEAD_REVIEWER])


@pytest.fixture
def analyst(db):
    return UserFactory(username="analyst", roles=[Role.ANALYST])


@pytest.fixture
def alliance_member(db):
    return UserFactory(username="alliance", roles=[Role.ALLIANCE_MEMBER])


@pytest.fixture
def practitioner(db):
    """A verified practitioner: the role is given when the e-mail address is confirmed."""
    from alliance.models import Practitioner

    user = UserFactory(username="practitioner", roles=[Role.PRACTITIONER])
    Practitioner.objects.create(
        user=user, organisation="Northshire NHS Trust", sector="health", verified_at=timezone.now()
    )
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def user_for_role(manager, reviewer, analyst, alliance_member, practitioner, administrator):
    """Look up the fixture user for a role, for tests parametrised by role."""
    users = {
        Role.LSCB_MANAGER: manager,
        Role.LEAD_REVIEWER: reviewer,
        Role.ANALYST: analyst,
        Role.ALLIANCE_MEMBER: alliance_member,
        Role.PRACTITIONER: practitioner,
        Role.ADMINISTRATOR: administrator,
    }
    return users.__getitem__


@pytest.fixture
def api_client():
    return APIClient()


# --- A real Celery worker, in its own process, on real Redis and PostgreSQL ---

ROOT = Path(__file__).resolve().parents[1]


def _worker_environment() -> dict[str, str]:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scr_platform.settings_test",
        # The worker must use the test database pytest-django created.
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "TEST_REDIS_URL": settings.TEST_REDIS_URL,
    }


@pytest.fixture
def redis_broker():
    """The test Redis database, emptied so no earlier message is redelivered."""
    client = redis.Redis.from_url(settings.TEST_REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis is not reachable at {settings.TEST_REDIS_URL}: {error}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def start_worker(redis_broker, tmp_path):
    """Start workers on demand; each is stopped (or killed) when the test ends.

    The test must use a transactional database (the worker is another
    connection and must see what the test wrote): mark it
    ``django_db(transaction=True)``.

    Eager execution is switched off for the test, so ``.delay()`` goes through
    Redis to the worker process.
    """
    processes: list[subprocess.Popen] = []

    def start(name: str = "worker") -> subprocess.Popen:
        log = (tmp_path / f"{name}.log").open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "scr_platform",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                f"--hostname={name}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=_worker_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    f"Celery worker exited early:\n{(tmp_path / f'{name}.log').read_text()}"
                )
            if "ready." in (tmp_path / f"{name}.log").read_text():
                return process
            time.sleep(0.2)
        pytest.fail("Celery worker did not become ready within 60 s")

    celery_app.conf.task_always_eager = False
    yield start
    celery_app.conf.task_always_eager = True
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
