"""The whole service under load: public readers on the grid, search and reports, uploads meanwhile.

Run: ``.venv/bin/python bench/load.py [--duration 60] [--connections 200] [--think-ms 0]
[--web-workers 5] [--worker-class gthread] [--web-threads 4] [--upload-every 2] [--smoke]``

Target (issue 8): 200 concurrent public users on the grid (``/trends/``),
search (``/search/?q=…``) and report pages (``/reviews/<id>/`` and a
document page) for 60 s, with zero errors and p99 < 200 ms, on loopback,
while documents keep being uploaded through the API and processed.

What it does:

1. A fresh database ``scr_bench_load`` on the local PostgreSQL (dropped and
   created again each run) and Redis database 12 (flushed), or
   ``--database-url`` / ``--redis-url``; media and static files in a
   temporary folder.
2. Starts the stack exactly as ``make stack`` does (``scripts/stack.sh``:
   migrations, collectstatic, the demo data with ``STACK_SEED=1``, then
   gunicorn, a Celery worker and beat under honcho), in the production
   profile (DEBUG off) with no access log.
3. Finds the published demo reviews, their documents and pages through the
   public API, and checks each page to be loaded answers 200.
4. Starts a loop uploading a new PDF (a sample report with a fresh checksum)
   through the API every ``--upload-every`` seconds as an LSCB manager; the
   worker processes them during the run.
5. Runs wrk (``bench/load.lua``): ``--connections`` connections, each a
   public reader asking for a random page of the set, for ``--duration``
   seconds. ``--think-ms`` gives each connection a pause between requests
   (0.5–1.5 × the value), as a person reading does; 0 (the default) is the
   harshest case, every connection asking again at once.
6. Prints requests/s, errors (socket errors, timeouts and any response other
   than 200), p50/p90/p95/p99/max, the uploads' outcomes, and the machine's
   load average and core count before and after, since the figures depend
   on what else the machine is doing.

``--smoke`` (used by the CI stage, with a short ``--duration``) exits
non-zero on any error, not on latency: CI machines are shared and their
timings are not a fair test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from _support import ROOT, SAMPLES

DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench_load"
REDIS_URL = "redis://127.0.0.1:6379/12"
SECRET_KEY = "bench-load-not-a-real-secret-key-0123456789abcdefghijklmnop"
SEARCHES = ("neglect", "domestic abuse", "health visitor", "information sharing", "school")
TARGET_P99_MS = 200

UPLOADER = """
import json
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from collation.models import Review
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
manager = User.objects.get(username="manager")
token, _ = Token.objects.get_or_create(user=manager)
review, _ = Review.objects.get_or_create(board=manager.board, reference="LOAD-001", defaults={
    "title": "Serious case review: load test uploads", "incident": "death",
    "child_age_band": "under_1", "child_sex": "female", "review_model": "silp",
    "lead_reviewer_name": "Load Test"})
print(json.dumps({"token": token.key, "review": review.pk}))
"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, *, data=None, headers=None, timeout=30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        identifier = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(identifier))


def environment(args, folder: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "CELERY_BEAT_SCHEDULE_FILE": str(folder / "celerybeat-schedule"),
            "STACK_PORT": str(port),
            "STACK_SEED": "1",
            "WEB_CONCURRENCY": str(args.web_workers),
            "WEB_WORKER_CLASS": args.worker_class,
            "WEB_THREADS": str(args.web_threads),
            "WORKER_CONCURRENCY": "1",
            # No access log (200 connections' worth would measure the logging).
            "GUNICORN_CMD_ARGS": "--no-control-socket --backlog 2048",
        }
    )
    return env


@contextmanager
def stack(env: dict, log_path: Path, base: str):
    """scripts/stack.sh (what `make stack` runs), stopped with Ctrl-C's signal at the end."""
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "stack.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"The stack did not start:\n{log_path.read_text()[-3000:]}")
            try:
                if fetch(f"{base}/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def manage_shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py shell failed:\n{result.stderr[-3000:]}")
    return result.stdout


def public_paths(base: str) -> list[str]:
    """The grid, searches, every published review and one text page of each document."""
    status, body = fetch(f"{base}/api/collation/reviews/?status=published")
    reviews = [r["id"] for r in json.loads(body)["results"]] if status == 200 else []
    if not reviews:
        sys.exit(f"No published reviews to load (status {status}): did the demo data load?")
    paths = ["/trends/"] + [f"/search/?q={q.replace(' ', '+')}" for q in SEARCHES]
    for review in reviews:
        paths.append(f"/reviews/{review}/")
        _, body = fetch(f"{base}/api/collation/documents/?review={review}")
        for document in json.loads(body)["results"]:
            middle = max(1, document["page_count"] // 2)
            paths.append(f"/reviews/{review}/documents/{document['id']}/pages/{middle}/")
    for path in paths:
        status, _ = fetch(base + path)
        if status != 200:
            sys.exit(f"{path} answered {status} before the load started")
    return paths


class Uploader(threading.Thread):
    """Uploads a new PDF through the API every ``every`` seconds until stopped."""

    def __init__(self, base: str, token: str, review: int, every: float):
        super().__init__(daemon=True)
        self.base, self.token, self.review, self.every = base, token, review, every
        self.halt = threading.Event()
        self.outcomes: list[tuple[int, float]] = []
        self.documents: list[int] = []

    def pdf(self, number: int) -> bytes:
        from pypdf import PdfWriter

        source = SAMPLES[number % len(SAMPLES)]
        writer = PdfWriter(clone_from=str(source))
        writer.add_metadata({"/Subject": f"load test upload {uuid.uuid4()}"})
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def run(self) -> None:
        number = 0
        while not self.halt.is_set():
            boundary = uuid.uuid4().hex
            body = b"".join(
                [
                    f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n'
                    "overview_report\r\n".encode(),
                    f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                    f'filename="load-{number}.pdf"\r\n'
                    "Content-Type: application/pdf\r\n\r\n".encode(),
                    self.pdf(number),
                    f"\r\n--{boundary}--\r\n".encode(),
                ]
            )
            started = time.perf_counter()
            try:
                status, answer = fetch(
                    f"{self.base}/api/collation/reviews/{self.review}/upload/",
                    data=body,
                    headers={
                        "Authorization": f"Token {self.token}",
                        "Content-Type": f"multipart/form-data; boundary={boundary}",
                    },
                    timeout=60,
                )
            except OSError:
                status, answer = 0, b""
            self.outcomes.append((status, time.perf_counter() - started))
            if status == 202:
                self.documents.append(json.loads(answer)[0]["document"])
            number += 1
            self.halt.wait(self.every)


def processed(base: str, token: str, documents: list[int]) -> dict[str, int]:
    statuses: dict[str, int] = {}
    for document in documents:
        _, body = fetch(
            f"{base}/api/collation/documents/{document}/",
            headers={"Authorization": f"Token {token}"},
        )
        status = json.loads(body)["status"]
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def run_wrk(args, base: str, paths: list[str]) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        f"{args.timeout}s",
        "-s",
        str(ROOT / "bench" / "load.lua"),
        base,
        "--",
        *paths,
    ]
    env = {**os.environ, "LOAD_THINK_MS": str(args.think_ms)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), None)
    if result.returncode or line is None:
        sys.exit(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(line[len("BENCH ") :])


def warm(base: str, paths: list[str], workers: int) -> None:
    """Have every web worker serve every page before the measured run.

    Each gunicorn worker loads the URL configuration and the views (and so most
    of the project) on its first request, which takes about a second of CPU.
    Requests one after another all land on the first worker to accept, so the
    others would pay that during the run, with requests queued behind it: a
    restart's cost, not a reader's. Many connections at once reach them all.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=10 * workers) as pool:
        list(pool.map(lambda path: fetch(base + path), paths * 10 * workers))


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="wrk seconds (default 60)")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--think-ms", type=int, default=0, help="pause between requests")
    parser.add_argument("--web-workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--worker-class", default="gthread", choices=["gthread", "sync"], help="gunicorn's"
    )
    parser.add_argument("--web-threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--timeout", type=int, default=10, help="wrk's per-request timeout, s")
    parser.add_argument("--upload-every", type=float, default=2.0, help="seconds (default 2)")
    parser.add_argument("--database-url", default=DB_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument("--smoke", action="store_true", help="exit 1 on any error (CI)")
    parser.add_argument("--log", help="keep the stack's output in this file")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk).")
    import redis

    recreate_database(args.database_url)
    redis.Redis.from_url(args.redis_url).flushdb()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"Before: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temporary:
        folder = Path(temporary)
        env = environment(args, folder, port)
        log_path = Path(args.log) if args.log else folder / "stack.log"
        started = time.perf_counter()
        with stack(env, log_path, base):
            print(
                f"Stack up in {time.perf_counter() - started:.0f} s (scripts/stack.sh: migrate, "
                f"demo data, gunicorn {args.web_workers} {args.worker_class} workers"
                + (f" × {args.web_threads} threads" if args.worker_class == "gthread" else "")
                + ", 1 Celery worker, beat) "
                f"on {base}"
            )
            uploader = json.loads(manage_shell(env, UPLOADER).strip().splitlines()[-1])
            paths = public_paths(base)
            print(f"{len(paths)} public pages: " + " ".join(paths))
            warm(base, paths, args.web_workers)
            uploads = Uploader(base, uploader["token"], uploader["review"], args.upload_every)
            uploads.start()
            mode = f"think {args.think_ms} ms" if args.think_ms else "no think time"
            print(
                f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s ({mode}); "
                f"an API upload every {args.upload_every:g} s meanwhile"
            )
            figures = run_wrk(args, base, paths)
            uploads.halt.set()
            uploads.join(timeout=120)
            during = load_average()
            # The uploads' processing: waited for a minute at most (under load the
            # worker may still be working through them; the report says so).
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                states = processed(base, uploader["token"], uploads.documents)
                if set(states) <= {"ready", "failed", "no_text"}:
                    break
                time.sleep(2)
            log_text = log_path.read_text(errors="replace")

    errors = sum(figures[k] for k in ("connect", "read", "write", "timeout")) + figures["not_200"]
    rate = figures["requests"] / figures["seconds"]
    ms = {k: figures[k] / 1000 for k in ("p50", "p90", "p95", "p99", "max")}
    upload_statuses = [status for status, _ in uploads.outcomes]
    upload_errors = sum(1 for status in upload_statuses if status != 202)
    upload_times = sorted(seconds for _, seconds in uploads.outcomes)
    tracebacks = log_text.count("Traceback")
    print(
        f"\nRequests: {figures['requests']:,} in {figures['seconds']:.1f} s = {rate:,.0f}/s\n"
        f"Errors: {errors} (connect {figures['connect']}, read {figures['read']}, write "
        f"{figures['write']}, timeout {figures['timeout']}, not 200: {figures['not_200']})\n"
        f"Latency: p50 {ms['p50']:.1f} ms, p90 {ms['p90']:.1f} ms, p95 {ms['p95']:.1f} ms, "
        f"p99 {ms['p99']:.1f} ms, max {ms['max']:.1f} ms\n"
        f"Uploads during the run: {len(upload_statuses)} sent, {upload_errors} not accepted"
        + (
            f", median {upload_times[len(upload_times) // 2] * 1000:.0f} ms each"
            if upload_times
            else ""
        )
        + f"; processed afterwards: {states}\n"
        f"Tracebacks in the stack's log: {tracebacks}\n"
        f"At the end of the run: {during}"
    )
    zero = errors == 0 and upload_errors == 0 and tracebacks == 0
    fast = ms["p99"] < TARGET_P99_MS
    print(
        f"Targets: zero errors {'met' if zero else 'NOT met'}; "
        f"p99 < {TARGET_P99_MS} ms {'met' if fast else 'NOT met'} "
        f"({args.connections} connections, {mode})."
    )
    if args.smoke:
        return 0 if zero else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
