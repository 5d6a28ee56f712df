"""Private PostgreSQL and Redis instances, and the service's processes, for the system tests.

The machine's shared PostgreSQL (5432) and Redis (6379) serve other people's
tests and CI: a fault test never touches them. Each run starts its own
PostgreSQL cluster (``initdb`` into a temporary folder, trust auth, a free
port) and its own Redis (no persistence, a free port), and stops, kills or
restarts *those* to make the faults. gunicorn, the Celery worker and beat run
as real subprocesses with the production settings module, pointed at the
private instances through the same environment variables a deployment sets.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("SYSTEM_PG_BIN", "/usr/lib/postgresql/15/bin"))
SECRET_KEY = "system-tests-only-not-a-real-secret-" + "k" * 30
SAMPLES = ROOT / "tests" / "fixtures" / "samples"
REPORTS = sorted((SAMPLES / "reports").glob("*.pdf"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, interval=0.2):
    """Poll ``condition`` until it returns something truthy; fail with ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception as error:  # a fault in progress: keep polling
            last_error = error
            value = None
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what} ({last_error!r})")


def _as_postgres() -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user then."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


# --- PostgreSQL -----------------------------------------------------------------


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free loopback port, trust auth, user postgres."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="scr-system-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.folder.chmod(0o755)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*_as_postgres(), *command], check=True, capture_output=True, text=True, timeout=120
        )

    def init(self) -> None:
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        # Durability off: these clusters live for one test run. A fast restart
        # still flushes everything (a clean shutdown), which is what the fault
        # test exercises.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def sql(self, database: str, statement: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(statement, params or None)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, name: str, template: str | None = None) -> str:
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.sql("postgres", f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


# --- Redis ----------------------------------------------------------------------


class PrivateRedis:
    """A throwaway Redis on a free loopback port, nothing persisted (as the brief's CI runs it)."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        log = (self.folder / "redis.log").open("a")
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.ping, timeout=20, what="the private Redis to answer")

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


# --- The service's processes ------------------------------------------------------


@dataclass
class Stack:
    """gunicorn, a Celery worker and beat over one database, one Redis db, one media folder."""

    name: str
    database_url: str
    redis_url: str
    media_root: Path
    static_root: Path
    logs: Path
    extra_env: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)
    port: int = field(default_factory=free_port)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "PYTEST_")) and key != "TEST_REDIS_URL"
        }
        environment.update(
            {
                # The production settings module and profile, with the test's
                # own timing knobs (tests/system/stack_settings.py) on top.
                "DJANGO_SETTINGS_MODULE": "tests.system.stack_settings",
                "DJANGO_DEBUG": "false",
                "DJANGO_SECRET_KEY": SECRET_KEY,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DJANGO_SECURE_COOKIES": "false",
                "DJANGO_SECURE_HSTS_SECONDS": "0",
                "DJANGO_LOG_LEVEL": "INFO",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "DJANGO_MEDIA_ROOT": str(self.media_root),
                "DJANGO_STATIC_ROOT": str(self.static_root),
                "PYTHONPATH": str(ROOT),
                **self.extra_env,
            }
        )
        return environment

    def manage(self, *args: str, env: dict | None = None, timeout: float = 300) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env(), **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def shell(self, code: str, **kwargs) -> str:
        """Run Python in a Django shell against this stack's database; returns stdout."""
        return self.manage("shell", "-c", code, **kwargs)

    def _spawn(self, role: str, command: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{self.name}-{role}.log").open("a")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children
        )
        self.processes[role] = process
        return process

    def log_text(self, role: str) -> str:
        path = self.logs / f"{self.name}-{role}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_web(self, workers: int = 2) -> None:
        self._spawn(
            "web",
            [
                *(str(BIN / "gunicorn"), "scr_platform.wsgi", "--bind", f"127.0.0.1:{self.port}"),
                *("--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"),
                "--no-control-socket",
            ],
        )
        wait_for(
            lambda: self.get("/healthz", expect=None)[0] in (200, 503),
            timeout=60,
            what=f"gunicorn to serve {self.base}\n{self.log_text('web')[-2000:]}",
        )

    def start_worker(self, *, pool: str = "prefork", concurrency: int = 1) -> subprocess.Popen:
        process = self._spawn(
            "worker",
            [
                *(str(BIN / "celery"), "-A", "scr_platform", "worker", "--loglevel=INFO"),
                *(f"--pool={pool}", f"--concurrency={concurrency}"),
                *(f"--hostname={uuid.uuid4().hex}@%h", "--without-gossip", "--without-mingle"),
            ],
        )
        mark = len(self.log_text("worker").split("ready.")) - 1
        wait_for(
            lambda: len(self.log_text("worker").split("ready.")) - 1 > mark,
            timeout=60,
            what=f"the Celery worker to be ready\n{self.log_text('worker')[-2000:]}",
        )
        return process

    def start_beat(self) -> None:
        schedule = self.logs / f"{self.name}-celerybeat-schedule"
        self._spawn(
            "beat",
            [
                *(str(BIN / "celery"), "-A", "scr_platform", "beat", "--loglevel=INFO"),
                *(f"--schedule={schedule}", "--max-interval=1"),
            ],
        )
        wait_for(
            lambda: "beat: Starting" in self.log_text("beat"),
            timeout=60,
            what=f"Celery beat to start\n{self.log_text('beat')[-2000:]}",
        )

    def stop(self, role: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(role, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        for role in list(self.processes):
            self.stop(role)

    # --- HTTP ------------------------------------------------------------------------

    def request(
        self,
        path: str,
        *,
        method: str = "GET",
        data: bytes | None = None,
        headers: dict | None = None,
        timeout: float = 30,
    ) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def get(self, path: str, *, expect: int | None = 200, **kwargs) -> tuple[int, dict, bytes]:
        status, headers, body = self.request(path, **kwargs)
        if expect is not None:
            assert status == expect, f"GET {path}: {status}\n{body[:2000]!r}"
        return status, headers, body

    def api_upload(self, token: str, review_id: int, pdf: Path, *, name: str | None = None):
        """POST one PDF to the API's upload action; returns (status, outcomes)."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n'
            "overview_report\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{name or pdf.name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode(),
            pdf.read_bytes(),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
        status, _, body = self.request(
            f"/api/collation/reviews/{review_id}/upload/",
            method="POST",
            data=b"".join(parts),
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
            timeout=60,
        )
        try:
            return status, json.loads(body)
        except ValueError:
            return status, body.decode(errors="replace")


# Creates a board, an LSCB manager with an API token, and a draft review; prints their ids.
SEED_UPLOADER = """
import json
from rest_framework.authtoken.models import Token
from collation.models import Review
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board, User
from django.contrib.auth.models import Group
board, _ = Board.objects.get_or_create(slug="system-lscb", defaults={
    "name": "System Test Safeguarding Children Board", "region": "london"})
user, _ = User.objects.get_or_create(username="system-manager", defaults={"board": board})
user.groups.add(Group.objects.get(name=Role.LSCB_MANAGER.label))
token, _ = Token.objects.get_or_create(user=user)
review, _ = Review.objects.get_or_create(board=board, reference="SYS-001", defaults={
    "title": "Serious case review: Child S", "incident": "death", "child_age_band": "under_1",
    "child_sex": "female", "review_model": "silp", "lead_reviewer_name": "System Reviewer"})
print(json.dumps({"token": token.key, "review": review.pk, "user": user.pk}))
"""
