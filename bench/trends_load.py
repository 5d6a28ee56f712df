"""The trends benchmark's page under load: gunicorn serving the site, wrk asking for it,
and the checks that what it serves is fresh and the same for everyone."""

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from importlib import import_module

from _support import ROOT

DB_URL = os.environ.get(
    "BENCH_TRENDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scr_bench_trends"
)
REDIS_URL = os.environ.get("BENCH_TRENDS_REDIS_URL", "redis://127.0.0.1:6379/14")
SECRET_KEY = "bench-trends-not-a-real-secret-key-0123456789abcdefghijklmnop"

ENVIRONMENT = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_LOG_LEVEL": "WARNING",
    "REDIS_URL": REDIS_URL,
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"seconds\\": %.6f, \\"p50\\": %d, \\"p90\\": %d, "
    .. "\\"p95\\": %d, \\"p99\\": %d, \\"max\\": %d, \\"connect\\": %d, \\"read\\": %d, "
    .. "\\"write\\": %d, \\"status\\": %d, \\"timeout\\": %d}\\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, *, timeout: float = 10.0):
    request = urllib.request.Request(url, headers={"User-Agent": "bench-trends"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


@contextmanager
def gunicorn(port: int, static_root: str, workers: int):
    environment = {
        **os.environ,
        **ENVIRONMENT,
        "DATABASE_URL": DB_URL,
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
    }
    with tempfile.NamedTemporaryFile("w+", prefix="bench-trends-gunicorn-") as log:
        process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "scr_platform.wsgi",
                "-w",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its workers
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    fetch(f"http://127.0.0.1:{port}/trends/", timeout=5)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(
                            f"gunicorn did not start:\n{log.read()[-3000:]}"
                        ) from None
                    time.sleep(0.2)
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.seek(0)
            lines = log.read().splitlines()
            errors = [line for line in lines if "Traceback" in line or "ERROR" in line]
            if errors:
                print(f"  gunicorn logged {len(errors)} error lines, e.g. {errors[0]}")


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def check_page(base: str) -> None:
    """The cached page: no cookie, the same bytes every time, its inline script hashed."""
    bodies = set()
    for _ in range(4):
        status, headers, body = fetch(f"{base}/trends/")
        assert status == 200, status
        if headers.get("Set-Cookie"):
            sys.exit(f"/trends/ set a cookie for the public: {headers.get('Set-Cookie')}")
        policy = headers.get("Content-Security-Policy", "")
        for script in INLINE_SCRIPT.findall(body.decode()):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            if f"'sha256-{digest}'" not in policy:
                sys.exit(f"The CSP header does not allow the page's inline script: {policy}")
        bodies.add(body)
    same = "yes" if len(bodies) == 1 else "NO"
    print(f"  the page: no cookie set; inline script allowed by its hash; same bytes: {same}")
    if len(bodies) != 1:
        sys.exit("The cached page changed between responses.")


def check_fresh(base: str) -> None:
    """A withdrawal, a publication and a coding change show at once, through the cache."""
    from django.db import transaction

    from collation.models import Coding, PracticeIssue, Review, ReviewIssue
    from collation.services.reviews import review_publish, review_withdraw
    from collation.services.trends import review_issues_refresh
    from scr_platform.accounts.models import User

    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    review = Review.objects.filter(publication_date__year=2016, status="published").first()

    def figures() -> tuple[int, dict]:
        _, _, body = fetch(f"{base}/trends/grid.json?period=2016")
        data = json.loads(body)
        issues = {i["code"]: i["count"] for stage in data["stages"] for i in stage["issues"]}
        return data["published_reviews"], issues

    def page_count() -> int:
        _, _, body = fetch(f"{base}/trends/?period=2016")
        return int(re.search(r"</strong> (\d+) published review", body.decode())[1])

    for _ in range(3):  # into the cache
        before, issues_before = figures()
        page_before = page_count()
    review_withdraw(user=admin, review=review, reason="Benchmark: publish and withdraw")
    withdrawn, _ = figures()
    page_withdrawn = page_count()
    review_publish(user=admin, review=review)
    again, _ = figures()
    page_again = page_count()

    missing = ReviewIssue.objects.filter(review=review).values_list("issue_id", flat=True)
    issue = PracticeIssue.objects.filter(retired_at__isnull=True).exclude(pk__in=missing).first()
    document = review.documents.get(superseded_by__isnull=True)
    earlier = Coding.objects.exclude(verified_by=None).first()
    with transaction.atomic():  # what coding_create and its task do, without the page check
        coding = Coding.objects.create(  # verified by a second analyst: it counts at once
            document=document,
            page=1,
            excerpt="x",
            issue=issue,
            coder=earlier.coder,
            verification="agreed",
            verified_by=earlier.verified_by,
            verified_at=earlier.verified_at,
        )
    review_issues_refresh(review_id=review.pk)
    _, issues_coded = figures()
    coding.delete()
    review_issues_refresh(review_id=review.pk)
    _, issues_after = figures()
    ok = (
        (withdrawn, again) == (before - 1, before)
        and (page_before, page_withdrawn, page_again) == (before, before - 1, before)
        and issues_coded[issue.code] == issues_before[issue.code] + 1
        and issues_after[issue.code] == issues_before[issue.code]
    )
    print(
        f"  never stale: 2016 reviews {before} → withdrawn {withdrawn} (page {page_withdrawn}) → "
        f"published {again} (page {page_again}); {issue.code} {issues_before[issue.code]} → "
        f"coded {issues_coded[issue.code]} → removed {issues_after[issue.code]}: "
        f"{'ok' if ok else 'STALE'}"
    )
    if not ok:
        sys.exit("A change did not show at once.")


def time_first_request(base: str, repeat: int = 5) -> None:
    """The first request after a change: the page rendered from an invalidated cache."""
    from django.db import transaction

    from collation.services.trends import trends_changed

    for path in ("/trends/", "/trends/?period=2016-Q2"):
        runs = []
        for _ in range(repeat):
            with transaction.atomic():
                trends_changed()
            started = time.perf_counter()
            fetch(base + path)
            runs.append(time.perf_counter() - started)
        print(
            f"  first request after a change {path:<24} best {ms(min(runs))}  "
            f"median {ms(statistics.median(runs))}"
        )


def run_wrk(
    url: str, *, duration: int, connections: int, threads: int = 2, headers: tuple = ()
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                *(part for header in headers for part in ("-H", header)),
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        )
    finally:
        os.unlink(script.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line[len("BENCH ") :])
    figures["rps"] = figures["requests"] / figures["seconds"]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    figures["non2xx"] = int(non2xx[1]) if non2xx else 0
    return figures


def print_wrk(label: str, figures: dict) -> None:
    errors = sum(figures[k] for k in ("connect", "read", "write", "timeout")) + figures["non2xx"]
    print(
        f"  {label:<28} {figures['rps']:7.0f} requests/s  "
        f"p50 {figures['p50'] / 1000:6.2f}  p90 {figures['p90'] / 1000:6.2f}  "
        f"p95 {figures['p95'] / 1000:6.2f}  p99 {figures['p99'] / 1000:6.2f}  "
        f"max {figures['max'] / 1000:7.2f} ms  ({figures['requests']:,} requests, "
        f"{errors} errors)"
    )


def signed_in_cookie(role=None) -> str:
    """A session cookie for a signed-in user (an analyst unless ``role`` says otherwise):
    their page is rendered each time around the public grid and filters kept as a fragment."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group

    from scr_platform.accounts.choices import Role
    from scr_platform.accounts.models import Board, User

    role = role or Role.ANALYST
    user, _ = User.objects.get_or_create(username=f"bench-{role.value}")
    user.groups.add(Group.objects.get(name=role.label))
    if role == Role.LSCB_MANAGER and user.board_id is None:
        user.board = Board.objects.first()
        user.save(update_fields=["board"])
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "scr_platform.accounts.backends.RolesModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def signed_in_load(base: str, args) -> None:
    """Signed-in analysts' and managers' /trends/ under the same load as the public's."""
    from scr_platform.accounts.choices import Role

    worst = []
    for role in (Role.ANALYST, Role.LSCB_MANAGER):
        cookie = f"Cookie: {signed_in_cookie(role)}"
        for _ in range(40):  # warm every worker
            fetch_with(base + "/trends/", cookie)
        figures = run_wrk(
            f"{base}/trends/",
            duration=args.duration,
            connections=args.connections,
            headers=(cookie,),
        )
        print_wrk(f"/trends/ signed in ({role.label.lower()})", figures)
        worst.append(figures)
    rps = min(figures["rps"] for figures in worst)
    p95 = max(figures["p95"] for figures in worst) / 1000
    verdict = "meets" if rps >= 500 and p95 < 50 else "MISSES"
    print(
        f"  signed in: {rps:.0f} requests/s, p95 {p95:.1f} ms: {verdict} the target "
        f"(>= 500 requests/s and p95 < 50 ms at {args.connections} connections)"
    )


def fetch_with(url: str, header: str) -> None:
    name, value = header.split(": ", 1)
    request = urllib.request.Request(url, headers={name: value})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def churn(base: str, connections: int, seconds: int = 10) -> dict:
    """wrk on /trends/ while the figures change every second (each change invalidates)."""
    import threading

    from collation.services.trends import trends_changed

    stop = threading.Event()

    def change():
        while not stop.wait(1.0):
            trends_changed()  # outside a transaction: bumps the version at once

    thread = threading.Thread(target=change, daemon=True)
    thread.start()
    try:
        return run_wrk(f"{base}/trends/", duration=seconds, connections=connections)
    finally:
        stop.set()
        thread.join()


def load_test(args) -> None:
    import redis
    from django.core.management import call_command

    static_root = os.environ["DJANGO_STATIC_ROOT"]
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"collectstatic into {static_root} ({time.perf_counter() - started:.1f} s)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk).")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(
        f"gunicorn, {args.workers} sync workers, on {base}; cache on Redis ({REDIS_URL}, "
        "flushed at the start, shared by the workers and this process as in production)"
    )
    with gunicorn(port, static_root, args.workers):
        check_page(base)
        check_fresh(base)
        time_first_request(base)
        for path in ("/trends/", "/trends/grid.json", "/trends/grid.csv"):
            for _ in range(40):  # warm every worker and its cache entries
                fetch(base + path)
        print(
            f"wrk -t2 -c{args.connections} -d{args.duration}s (anonymous, "
            f"{len(fetch(base + '/trends/')[2]):,}-byte page):"
        )
        print_wrk(
            "/trends/",
            run_wrk(f"{base}/trends/", duration=args.duration, connections=args.connections),
        )
        if getattr(args, "signed_in", False):
            signed_in_load(base, args)
        if args.extra:
            for path in ("/trends/?period=2016-Q2", "/trends/grid.json"):
                figures = run_wrk(base + path, duration=5, connections=args.connections)
                print_wrk(path + " (5 s)", figures)
            print_wrk("/trends/, a change every 1 s", churn(base, args.connections))
            cookie = f"Cookie: {signed_in_cookie()}"
            figures = run_wrk(
                f"{base}/trends/", duration=5, connections=args.connections, headers=(cookie,)
            )
            print_wrk("/trends/ signed in (5 s)", figures)
    print("Targets: /trends/ p95 < 25 ms and >= 1,000 requests/s at 20 connections.")
