"""Trend figures: full rebuild, incremental refresh, the grid, and the public page under load.

Run: ``.venv/bin/python bench/trends.py [--regenerate] [--duration 15] [--connections 20]
[--workers 2] [--extra] [--signed-in] [--no-load]`` (``--signed-in`` loads a signed-in
analyst's and manager's page as long as the public's; ``--extra`` adds short wrk runs of
a quarter, the JSON, the page while the figures change every second, and a signed-in
user's page;
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

The data are made in ``trends_data.py``; the page under load is ``trends_load.py``.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter

from _support import ensure_database, setup_django
from trends_data import CODINGS_PER_REVIEW, REVIEWS, SEED, ensure_data
from trends_load import DB_URL, ENVIRONMENT, REDIS_URL, load_test, ms

# --- Figures ------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--duration", type=int, default=15, help="wrk seconds (default 15)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn and wrk")
    parser.add_argument("--extra", action="store_true", help="also load a quarter and the JSON")
    parser.add_argument(
        "--signed-in",
        action="store_true",
        help="also load a signed-in analyst's and manager's page (target >= 500/s, p95 < 50 ms)",
    )
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
