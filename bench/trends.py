"""Trend figures: full rebuild, incremental refresh, the grid, and the public page under load.

Run: ``.venv/bin/python bench/trends.py [--regenerate] [--duration 15] [--connections 20]
[--workers 2] [--extra] [--no-load]`` (``--extra`` adds short wrk runs of a quarter, the
JSON, the page while the figures change every second, and a signed-in user's page;
``--no-load`` stops before gunicorn).

Targets:

- full rebuild (``review_issues_rebuild``) < 1 s for 5,000 published reviews
  with 20 codings each (100,000 codings);
- incremental update after one coding (``review_issues_refresh`` of one
  review) < 50 ms;
- the public grid ``/trends/`` p95 < 25 ms and >= 1,000 requests/s at 20
  concurrent connections, served by gunicorn (2 sync workers) on loopback,
  measured with wrk; never stale after a publication or coding change.

The benchmark uses its own PostgreSQL database ``scr_bench_trends`` on
127.0.0.1 (created if missing, migrated). The data are generated once, and
again only when the counts differ (or with ``--regenerate``): 60 boards over
the English regions, 5,000 published reviews dated 2010–2020, one current
overview report each with 20 codings, loaded with COPY. The issue of each
coding is drawn from a seeded, weighted choice over the current practice
issues: a Zipf-like popularity, a per-issue drift over the decade (some rise,
some fall) and a per-region tilt, so that shares, changes and directions are
not flat.

Timings run in this process against the same settings as production (DEBUG
off, the cache on Redis database 14, flushed at the start). The full rebuild
is timed from an empty table (every row written: the worst case, as on the
first run) and as the nightly job (most rows already right), then after 200
reviews' codings changed unrefreshed. The incremental refresh adds a coding
to a random review, times the refresh, and undoes it; afterwards the rows
must equal a full rebuild's. Then gunicorn
serves the site with ``REDIS_URL`` pointing at the same Redis database, so
both workers (and this process, which makes the changes) share one cache, as
in production; without it each worker would have its own local-memory cache
and a change made elsewhere would not reach it. Before the load test the run
checks over HTTP that a publication, a withdrawal and a coding change show at
once, that the cached page sets no cookie, is the same bytes every time and
has its inline script allowed by the policy's hash. wrk's ``done`` hook prints the latency
percentiles (p95 included). gunicorn is stopped at the end, even on error.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import os
import random
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
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, date, timedelta

from _support import ROOT, bench_boards, bench_review, ensure_database, setup_django

DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench_trends"
REDIS_URL = "redis://127.0.0.1:6379/14"
SECRET_KEY = "bench-trends-not-a-real-secret-key-0123456789abcdefghijklmnop"
REVIEWS = 5_000
CODINGS_PER_REVIEW = 20
BOARDS = 60
FIRST_YEAR, LAST_YEAR = 2010, 2020
SEED = 20_100_101

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


# --- Data ---------------------------------------------------------------------


def _weights(rng, issues, regions):
    """Per issue: popularity, drift over the decade; per (region, issue): a tilt."""
    order = list(range(len(issues)))
    rng.shuffle(order)
    popularity = {issue: 1.0 / (1 + rank) ** 0.9 for issue, rank in zip(issues, order, strict=True)}
    drift = {issue: rng.choice([-1.6, -0.8, 0.0, 0.0, 0.0, 0.8, 1.6]) for issue in issues}
    tilt = {(region, issue): math.exp(rng.gauss(0, 0.35)) for region in regions for issue in issues}
    return popularity, drift, tilt


def generate() -> None:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone

    from collation.choices import DocumentStatus
    from collation.models import Agency, PracticeIssue, Review, ReviewDocument
    from scr_platform.accounts.choices import Region, Role
    from scr_platform.accounts.models import User

    rng = random.Random(SEED)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE collation_review RESTART IDENTITY CASCADE")
    coder, _ = User.objects.get_or_create(username="bench-coder")
    coder.groups.add(Group.objects.get(name=Role.ANALYST.label))

    regions = list(Region.values)
    boards = bench_boards(BOARDS)

    span = (date(LAST_YEAR, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    now = timezone.now()
    reviews = []
    for index in range(REVIEWS):
        published_on = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, span))
        reviews.append(
            bench_review(
                rng,
                index=index,
                year=published_on.year,
                board=boards[rng.randrange(BOARDS)],
                publication_date=published_on,
                now=now,
                published_by=coder,
            )
        )
    with transaction.atomic():
        reviews = Review.objects.bulk_create(reviews, batch_size=1_000)
        agencies = list(Agency.objects.values_list("pk", flat=True))
        through = Review.agencies.through
        through.objects.bulk_create(
            (
                through(review_id=review.pk, agency_id=agency)
                for review in reviews
                for agency in rng.sample(agencies, k=min(len(agencies), rng.randint(2, 6)))
            ),
            batch_size=5_000,
        )
        documents = ReviewDocument.objects.bulk_create(
            (
                ReviewDocument(
                    review=review,
                    kind="overview_report",
                    file=f"reviews/bench/{review.pk:06d}.pdf",
                    original_filename=f"overview-{review.pk:06d}.pdf",
                    sha256=f"{review.pk:064x}",
                    size_bytes=40 * 40_000,
                    page_count=40,
                    status=DocumentStatus.READY,
                    uploaded_by=coder,
                )
                for review in reviews
            ),
            batch_size=1_000,
        )

    issues = list(
        PracticeIssue.objects.filter(retired_at__isnull=True).values_list("pk", flat=True)
    )
    board_region = {board.pk: board.region for board in boards}
    popularity, drift, tilt = _weights(rng, issues, regions)
    stamp = now.astimezone(UTC)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY collation_coding (document_id, page, excerpt, issue_id, note, coder_id, "
            "created_at, updated_at) FROM STDIN"
        ) as copy,
    ):
        for review, document in zip(reviews, documents, strict=True):
            when = (review.publication_date.year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) - 0.5
            region = board_region[review.board_id]
            weights = [
                popularity[i] * math.exp(drift[i] * when) * tilt[(region, i)] for i in issues
            ]
            for issue in rng.choices(issues, weights=weights, k=CODINGS_PER_REVIEW):
                copy.write_row(
                    (
                        document.pk,
                        rng.randint(1, 40),
                        "The professionals did not share what they knew.",
                        issue,
                        "",
                        coder.pk,
                        stamp,
                        stamp,
                    )
                )
                written += 1
    with connection.cursor() as cursor:
        for table in ("collation_review", "collation_reviewdocument", "collation_coding"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"  {len(reviews):,} published reviews, {len(documents):,} documents, "
        f"{written:,} codings in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def ensure_data(regenerate: bool) -> None:
    from collation.models import Coding, Review

    published = Review.objects.filter(status="published").count()
    reviews = Review.objects.count()
    codings = Coding.objects.filter(document__superseded_by__isnull=True).count()
    wanted = (REVIEWS, REVIEWS, REVIEWS * CODINGS_PER_REVIEW)
    if (published, reviews, codings) == wanted and not regenerate:
        print(f"Using the stored data: {published:,} published reviews, {codings:,} codings.")
        return
    print(f"Generating data (found {published:,} published reviews, {codings:,} codings)…")
    generate()


# --- Figures ------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def time_rebuild(repeat: int) -> None:
    """The full rebuild: from an empty table (every row written) and as the nightly job."""

    from django.db import connection

    from collation.models import Coding, ReviewDocument, ReviewIssue
    from collation.services.trends import review_issues_rebuild

    def timed() -> tuple[float, int]:
        started = time.perf_counter()
        rows = review_issues_rebuild()
        return time.perf_counter() - started, rows

    empty = []
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {ReviewIssue._meta.db_table}")
        empty.append(timed()[0])
    nightly = [timed() for _ in range(repeat)]
    rows = nightly[-1][1]
    nightly = [seconds for seconds, _ in nightly]

    # A day's work: 100 reviews gain a coding, 100 lose one, none refreshed.
    rng = random.Random(SEED + 2)
    documents = list(
        ReviewDocument.objects.filter(superseded_by__isnull=True).values_list("pk", flat=True)
    )
    template = Coding.objects.first()
    added = Coding.objects.bulk_create(
        Coding(
            document_id=document_id,
            page=1,
            excerpt="An added passage.",
            issue_id=template.issue_id,
            coder_id=template.coder_id,
        )
        for document_id in rng.sample(documents, 100)
    )
    removed = list(
        Coding.objects.filter(document_id__in=rng.sample(documents, 100))
        .order_by("document_id", "pk")
        .distinct("document_id")
    )
    Coding.objects.filter(pk__in=[c.pk for c in removed]).delete()
    day = timed()[0]
    Coding.objects.filter(pk__in=[c.pk for c in added]).delete()
    for coding in removed:
        coding.pk = None
    Coding.objects.bulk_create(removed)
    restored = timed()[0]
    print(
        f"Full rebuild (review_issues_rebuild), {rows:,} review-issue rows from "
        f"{Coding.objects.count():,} codings:"
    )
    print(
        f"  from an empty table (every row written), 3 runs: best {ms(min(empty))}  "
        f"median {ms(statistics.median(empty))}   target < 1000 ms"
    )
    print(
        f"  nightly, nothing changed, {repeat} runs:            best {ms(min(nightly))}  "
        f"median {ms(statistics.median(nightly))}"
    )
    print(f"  nightly after 200 reviews' codings changed:    {ms(day)} (and back: {ms(restored)})")


def time_refresh(count: int) -> None:
    """Add one coding to a review, time its refresh; then undo (untimed)."""

    from collation.models import Coding, PracticeIssue, ReviewDocument, ReviewIssue
    from collation.services.trends import review_issues_rebuild, review_issues_refresh

    rng = random.Random(SEED + 1)
    documents = list(
        ReviewDocument.objects.filter(superseded_by__isnull=True).values_list("pk", "review_id")
    )
    issues = list(PracticeIssue.objects.filter(retired_at__isnull=True))
    coder_id = Coding.objects.values_list("coder_id", flat=True).first()
    runs = []
    for _ in range(count):
        document_id, review_id = rng.choice(documents)
        coding = Coding.objects.create(
            document_id=document_id,
            page=1,
            excerpt="An added passage.",
            issue=rng.choice(issues),
            coder_id=coder_id,
        )
        started = time.perf_counter()
        review_issues_refresh(review_id=review_id)
        runs.append(time.perf_counter() - started)
        coding.delete()
        review_issues_refresh(review_id=review_id)
    incremental = set(ReviewIssue.objects.values_list("review_id", "issue_id", "codings"))
    review_issues_rebuild()
    full = set(ReviewIssue.objects.values_list("review_id", "issue_id", "codings"))
    print(
        f"Incremental refresh of one review after one coding, {count} runs: "
        f"p50 {ms(percentile(runs, 0.5))}  p95 {ms(percentile(runs, 0.95))}  "
        f"max {ms(max(runs))}   target < 50 ms"
        f"   (matches a full rebuild: {'yes' if incremental == full else 'NO'})"
    )
    if incremental != full:
        sys.exit("The incremental refresh disagrees with the full rebuild.")


def time_grid(repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from collation.selectors.trends import period_parse, trend_grid

    print(f"trend_grid, uncached ({repeat} runs each after one warm-up):")
    cases = [
        ("all", {}),
        ("2016", {}),
        ("2016-Q2", {}),
        ("2016", {"region": "london"}),
    ]
    for key, filters in cases:
        period = period_parse(key)
        with CaptureQueriesContext(connection) as queries:
            grid = trend_grid(period=period, filters=filters)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            trend_grid(period=period, filters=filters)
            runs.append(time.perf_counter() - started)
        label = key + "".join(f" {k}={v}" for k, v in filters.items())
        directions = Counter(trend.direction for _, trends in grid.stages for trend in trends)
        shares = [trend.share for _, trends in grid.stages for trend in trends]
        print(
            f"  {label:<20} {grid.review_count:>5} reviews  {len(queries)} queries  "
            f"best {ms(min(runs))}  median {ms(statistics.median(runs))}   "
            f"(shares {min(shares):.0f}–{max(shares):.0f}%; "
            + ", ".join(f"{n} {d}" for d, n in sorted(directions.items()))
            + ")"
        )


# --- The page under load ------------------------------------------------------


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
    from collation.services.reviews import review_publish, review_unpublish
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
    review_unpublish(user=admin, review=review)
    withdrawn, _ = figures()
    page_withdrawn = page_count()
    review_publish(user=admin, review=review)
    again, _ = figures()
    page_again = page_count()

    missing = ReviewIssue.objects.filter(review=review).values_list("issue_id", flat=True)
    issue = PracticeIssue.objects.filter(retired_at__isnull=True).exclude(pk__in=missing).first()
    document = review.documents.get(superseded_by__isnull=True)
    with transaction.atomic():  # what coding_create and its task do, without the page check
        coding = Coding.objects.create(
            document=document,
            page=1,
            excerpt="x",
            issue=issue,
            coder=Coding.objects.first().coder,
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


def signed_in_cookie() -> str:
    """A session cookie for an analyst: their page is rendered each time (grid data cached)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from scr_platform.accounts.choices import Role
    from scr_platform.accounts.models import User

    user, _ = User.objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get(name=Role.ANALYST.label))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--duration", type=int, default=15, help="wrk seconds (default 15)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn and wrk")
    parser.add_argument("--extra", action="store_true", help="also load a quarter and the JSON")
    args = parser.parse_args()

    ensure_database(DB_URL)
    with tempfile.TemporaryDirectory(prefix="bench-trends-static-") as static_root:
        setup_django(DB_URL, DJANGO_STATIC_ROOT=static_root, **ENVIRONMENT)
        import redis
        from django.core.management import call_command

        redis.Redis.from_url(REDIS_URL).flushdb()
        call_command("migrate", verbosity=0)
        ensure_data(args.regenerate)
        print(
            f"Trend figures over {REVIEWS:,} published reviews × {CODINGS_PER_REVIEW} codings "
            f"(PostgreSQL {DB_URL.rsplit('/', 1)[1]}, DEBUG off, cache on Redis)"
        )
        time_rebuild(5)
        time_refresh(50)
        time_grid(10)
        if not args.no_load:
            load_test(args)


if __name__ == "__main__":
    main()
