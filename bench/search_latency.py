"""Full-text search latency over a realistic number of stored pages.

Run: ``.venv/bin/python bench/search_latency.py [--pages 120000] [--queries 200] [--grouped]``

``--grouped`` times what the search page runs instead: ``report_search``, the
best ten reports with their best three pages each, grouped in SQL.

Target: p95 < 50 ms for ``collation.selectors.page_search`` (total count, the
top 20 pages by relevance, highlighted snippets) for every query class, at
600,000 pages (``--pages 600000``: five times today's national corpus of about
120,000; generating them takes about 50 minutes on two busy cores, once).

Every benchmark document is given a current public copy (as if made with
nothing to redact): search covers public documents only, and before this the
benchmark's documents had none, so it searched nothing.

The benchmark uses its own PostgreSQL database (``scr_bench`` on
127.0.0.1:5432 as ``postgres`` by default; ``--db-url`` to change), created if
missing, and migrated. The data are (re)generated only when the number of
stored pages differs from ``--pages`` (or with ``--regenerate``):

- a few boards, ~3,000 published reviews and some drafts;
- per review an overview report, an executive summary, sometimes an action
  plan, and for a few published reviews an older, superseded overview report;
- pages of SCR-like English prose (2-4 KB each) from a seeded generator, so
  every run sees the same text; loaded with COPY, then ``search_vector`` is
  filled with one ``UPDATE`` and the table is ``VACUUM ANALYZE``-d.

The data are written after ``migrate``, so they take the storage the
migrations set (0003 keeps ``search_vector`` in the row); after changing that,
run once with ``--regenerate``.

Pages of drafts and of superseded documents carry marker words that never occur
in searchable pages; the run checks that searching for them finds nothing.

Timing: every query is run once to warm up, then ``--queries`` calls are timed
(a seeded shuffle of the query mix, cycling through it) around the whole
``page_search`` call. ``--explain QUERY`` prints EXPLAIN (ANALYZE, BUFFERS) for
every SQL statement ``page_search`` runs for QUERY.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from _support import bench_boards, bench_review, ensure_database, setup_django
from textgen import TextGenerator, words

DEFAULT_DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench"
PAGES_PER_REVIEW = 40  # so 120,000 pages make ~3,000 published reviews (and 300 drafts)
SUPERSEDED_SHARE = 0.05  # published reviews with an older, replaced overview report
BOARDS = 12
SEED = 20_140_301

# Words that only pages of drafts / superseded documents contain.
DRAFT_MARKER = "zqdraftmarker"
SUPERSEDED_MARKER = "zqsupersededmarker"


# --- Data ---------------------------------------------------------------------


@dataclass
class PlannedDocument:
    review_index: int
    kind: str
    weight: float
    superseded: bool = False
    pages: int = 0


def plan_documents(rng: random.Random, reviews: int, published: int, pages: int):
    """Documents per review, with page counts scaled so that they add up to ``pages``."""
    planned: list[PlannedDocument] = []
    for index in range(reviews):
        planned.append(PlannedDocument(index, "overview_report", rng.uniform(20, 60)))
        planned.append(PlannedDocument(index, "executive_summary", rng.uniform(3, 12)))
        if rng.random() < 0.3:
            planned.append(PlannedDocument(index, "action_plan", rng.uniform(2, 8)))
        if index < published and rng.random() < SUPERSEDED_SHARE:
            planned.append(
                PlannedDocument(index, "overview_report", rng.uniform(20, 60), superseded=True)
            )
    scale = pages / sum(doc.weight for doc in planned)
    for doc in planned:
        doc.pages = max(1, round(doc.weight * scale))
    # Make the sum exact on the largest documents.
    difference = pages - sum(doc.pages for doc in planned)
    largest = sorted(planned, key=lambda doc: -doc.pages)
    step = 1 if difference > 0 else -1
    position = 0
    while difference:
        largest[position % len(largest)].pages += step
        difference -= step
        position += 1
    return planned


def generate(pages: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from collation.choices import (
        DocumentStatus,
    )
    from collation.models import Review, ReviewDocument

    rng = random.Random(SEED)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE collation_review RESTART IDENTITY CASCADE")

    boards = bench_boards(BOARDS)

    published_reviews = max(pages // PAGES_PER_REVIEW, 10)
    total_reviews = published_reviews + published_reviews // 10
    now = timezone.now()
    reviews = []
    for index in range(total_reviews):
        year = rng.randint(2006, 2016)
        published_on = date(year, rng.randint(1, 12), 1) if index < published_reviews else None
        reviews.append(
            bench_review(
                rng,
                index=index,
                year=year,
                board=boards[index % BOARDS],
                publication_date=published_on,
                now=now,
            )
        )
    reviews = Review.objects.bulk_create(reviews, batch_size=1_000)

    planned = plan_documents(rng, total_reviews, published_reviews, pages)
    documents = ReviewDocument.objects.bulk_create(
        [
            ReviewDocument(
                review=reviews[doc.review_index],
                kind=doc.kind,
                file=f"reviews/bench/{number:06d}.pdf",
                original_filename=f"{doc.kind}-{number:06d}.pdf",
                sha256=f"{number:064x}",
                size_bytes=doc.pages * 40_000,
                page_count=doc.pages,
                status=DocumentStatus.READY,
            )
            for number, doc in enumerate(planned, start=1)
        ],
        batch_size=1_000,
    )
    # A superseded report is replaced by the same review's current overview report.
    current_overview = {
        doc.review_index: document
        for doc, document in zip(planned, documents, strict=True)
        if doc.kind == "overview_report" and not doc.superseded
    }
    superseded = []
    for doc, document in zip(planned, documents, strict=True):
        if doc.superseded:
            document.superseded_by = current_overview[doc.review_index]
            superseded.append(document)
    ReviewDocument.objects.bulk_update(superseded, ["superseded_by"], batch_size=1_000)
    documents_made_public()
    print(
        f"  {len(reviews):,} reviews ({published_reviews:,} published), "
        f"{len(documents):,} documents ({len(superseded)} superseded)",
        flush=True,
    )

    text = TextGenerator(SEED + 1)
    written = 0
    # The search indexes are dropped while the pages are loaded and built again
    # afterwards (one sorted build instead of 600,000 insertions), from their own
    # definitions as the migrations made them.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'collation_documentpage' AND indexdef ~ 'search_(vector|pairs)'"
        )
        search_indexes = cursor.fetchall()
        for name, _ in search_indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_pages (document_id bigint, number int, text text)"
        )
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY bench_pages (document_id, number, text) FROM STDIN") as copy,
    ):
        for doc, document in zip(planned, documents, strict=True):
            if doc.superseded:
                marker = SUPERSEDED_MARKER
            elif doc.review_index >= published_reviews:
                marker = DRAFT_MARKER
            else:
                marker = ""
            for number in range(1, doc.pages + 1):
                copy.write_row((document.pk, number, text.page(number=number, marker=marker)))
            written += doc.pages
            if written % 20_000 < doc.pages:
                print(f"  {written:,} pages written", flush=True)
    print(f"  pages copied in {time.perf_counter() - started:.0f} s; indexing…", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(
            "INSERT INTO collation_documentpage (document_id, number, text, search_vector) "
            "SELECT document_id, number, text, to_tsvector('english', text) FROM bench_pages"
        )
        cursor.execute("DROP TABLE bench_pages")
        for name, definition in search_indexes:
            print(f"  building {name}…", flush=True)
            cursor.execute(definition)
        cursor.execute("VACUUM ANALYZE collation_review")
        cursor.execute("VACUUM ANALYZE collation_reviewdocument")
        cursor.execute("VACUUM ANALYZE collation_documentpage")
    print(f"  data ready in {time.perf_counter() - started:.0f} s", flush=True)


def documents_made_public() -> None:
    """Every benchmark document as if its public copy were made with nothing to redact.

    Search covers public documents only (``ReviewDocument.objects.public()``): a
    document without a current public copy is never searched. Also brings data
    generated before public copies existed up to date.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE collation_reviewdocument SET public_copy = 'public/bench/' || id || '.pdf', "
            "public_copy_digest = redaction_digest WHERE public_copy = ''"
        )


def ensure_data(pages: int, regenerate: bool) -> None:
    from collation.models import DocumentPage

    stored = DocumentPage.objects.count()
    if stored == pages and not regenerate:
        print(f"Using the {stored:,} pages already stored.")
        documents_made_public()
        return
    print(f"Generating {pages:,} pages (found {stored:,})…", flush=True)
    generate(pages)


# --- Queries ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    filters: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        if not self.filters:
            return self.query
        return self.query + " [" + ", ".join(f"{k}={v}" for k, v in self.filters) + "]"


def _case(line: str) -> Case:
    kind, query, *filters = line.split("\t")
    pairs = [pair.split("=", 1) for pair in filters[0].split(",")] if filters else []
    return Case(kind, query, tuple((name, value) for name, value in pairs))


# The query mix, by kind (bench/data/search_queries.txt: kind, query, filters as
# name=value,...). The adjacency case is the worst: two very common words that
# are almost never adjacent; the index finds the pages with both words, and only
# reading each of them shows that none has the phrase.
CASES = [_case(line) for line in words("search_queries")]
KINDS = ["common", "rare", "phrase", "or", "negation", "filtered", "adjacency"]


GROUPED = False  # --grouped: time the search page's report_search instead


def run_case(case: Case):
    from collation.selectors import page_search, published_review_list
    from collation.selectors.report_search import report_search

    reviews = published_review_list()
    if case.filters:
        reviews = reviews.filter(**dict(case.filters))
    if GROUPED:
        return report_search(query=case.query, reviews=reviews)
    return page_search(query=case.query, reviews=reviews)


def _result_total(results) -> str:
    if GROUPED:
        capped = ">" if results.is_capped else ""
        return f"{capped}{results.page_count:,} pages/{results.report_count:,} reports"
    return f"{'>' if results.total_is_capped else ''}{results.total:,}"


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (as numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def figures(values: list[float]) -> str:
    return (
        f"{len(values):>5} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
        f"{percentile(values, 0.99):>8.1f} {max(values):>8.1f}"
    )


def _found_pages(results) -> int:
    return results.page_count if GROUPED else results.total


def check_correctness() -> None:
    """Drafts' and superseded documents' pages are never found."""
    from collation.models import DocumentPage, Review
    from collation.selectors import page_search
    from collation.selectors.report_search import report_search

    search = report_search if GROUPED else page_search
    for marker in (DRAFT_MARKER, SUPERSEDED_MARKER):
        stored = DocumentPage.objects.filter(text__contains=marker).count()
        found = _found_pages(run_case(Case("check", marker)))
        # Even when the caller passes every review, drafts stay out.
        everything = _found_pages(search(query=marker, reviews=Review.objects.all()))
        status = "ok" if found == 0 and everything == 0 else "FAILED"
        print(
            f"Correctness: '{marker}' is on {stored:,} stored pages, found {found} "
            f"(published reviews) / {everything} (all reviews passed in): {status}"
        )
        if status != "ok":
            raise SystemExit(1)


def explain(query: str, filters: tuple[tuple[str, str], ...] = ()) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run_case(Case("explain", query, filters))  # warm
    with CaptureQueriesContext(connection) as captured:
        run_case(Case("explain", query, filters))
    for number, statement in enumerate(captured.captured_queries, start=1):
        sql = statement["sql"]
        print(f"\n--- statement {number} ({float(statement['time']) * 1000:.1f} ms) ---\n{sql}\n")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=120_000)
    parser.add_argument("--queries", type=int, default=200, help="timed calls (after warm-up)")
    parser.add_argument("--db-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB_URL))
    parser.add_argument("--regenerate", action="store_true", help="rebuild the data anyway")
    parser.add_argument("--explain", metavar="QUERY", help="EXPLAIN ANALYZE the SQL for QUERY")
    parser.add_argument("--verbose", action="store_true", help="figures for every query")
    parser.add_argument(
        "--grouped",
        action="store_true",
        help="time report_search (the search page: 10 reports, their best 3 pages each)",
    )
    args = parser.parse_args()
    global GROUPED
    GROUPED = args.grouped
    if args.pages < 1_000:
        parser.error("--pages must be at least 1,000")

    ensure_database(args.db_url)
    setup_django(args.db_url)

    from django.core.management import call_command
    from django.db import connection, reset_queries

    from collation.models import DocumentPage, Review

    call_command("migrate", verbosity=0)
    ensure_data(args.pages, args.regenerate)
    check_correctness()

    if args.explain:
        explain(args.explain)
        return

    for case in CASES:  # warm-up
        run_case(case)
    reset_queries()

    order = list(CASES)
    random.Random(SEED).shuffle(order)
    timings: dict[Case, list[float]] = defaultdict(list)
    totals: dict[Case, str] = {}
    for index in range(args.queries):
        case = order[index % len(order)]
        started = time.perf_counter()
        results = run_case(case)
        timings[case].append((time.perf_counter() - started) * 1000)
        totals[case] = _result_total(results)
        if index % 50 == 49:
            reset_queries()  # DEBUG keeps every query's SQL

    pages = DocumentPage.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM collation_documentpage p "
            "JOIN collation_reviewdocument d ON d.id = p.document_id "
            "JOIN collation_review r ON r.id = d.review_id "
            "WHERE r.status = 'published' AND d.superseded_by_id IS NULL"
        )
        searchable = cursor.fetchone()[0]
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('work_mem'), "
            "pg_size_pretty(pg_relation_size('collation_documentpage')), "
            "pg_size_pretty(pg_relation_size(c.reltoastrelid)), "
            "(SELECT string_agg(upper(am.amname) || ' ' || pg_size_pretty(pg_relation_size(i.oid)),"
            "   ', ') FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            "   JOIN pg_am am ON am.oid = i.relam"
            "   WHERE x.indrelid = c.oid AND i.relname LIKE 'collation_page_%%'"
            "   AND am.amname <> 'btree'), "
            "a.attstorage "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.oid = 'collation_documentpage'::regclass AND a.attname = 'search_vector'"
        )
        version, shared_buffers, work_mem, heap, toast, index, storage = cursor.fetchone()
        storage = {"m": "MAIN", "x": "EXTENDED"}.get(storage, storage)
    published = Review.objects.filter(status="published").count()
    everything = [t for values in timings.values() for t in values]
    print()
    print(
        f"{'report_search' if GROUPED else 'page_search'} latency: {pages:,} pages stored, "
        f"{searchable:,} searchable "
        f"({published:,} published reviews); {len(everything)} timed calls"
    )
    print(
        f"PostgreSQL {version.split()[0]}, shared_buffers {shared_buffers}, work_mem {work_mem}; "
        f"pages table {heap}, TOAST {toast}, index {index}; search_vector storage {storage}"
    )
    print()
    print(f"{'class':<10} {'calls':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    print("-" * 52)
    for kind in KINDS:
        values = [t for case, ts in timings.items() if case.kind == kind for t in ts]
        if values:
            print(f"{kind:<10} {figures(values)}")
    print("-" * 52)
    print(f"{'all':<10} {figures(everything)}")
    p95 = percentile(everything, 0.95)
    print()
    print(f"p95 {p95:.1f} ms: {'meets' if p95 < 50 else 'MISSES'} the 50 ms target")
    worst = max(
        KINDS,
        key=lambda kind: percentile(
            [t for case, ts in timings.items() if case.kind == kind for t in ts] or [0], 0.95
        ),
    )
    print(f"Worst class: {worst}. Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.verbose:
        print()
        print(f"{'query':<66} {'total':>9} {'calls':>5} {'p50 ms':>8} {'max ms':>8}")
        print("(a total of >1,000 means search stopped counting at its cap)")
        for case in CASES:
            values = timings.get(case)
            if values:
                print(
                    f"{case.label():<66} {totals[case]:>9} {len(values):>5} "
                    f"{percentile(values, 0.5):>8.1f} {max(values):>8.1f}"
                )


if __name__ == "__main__":
    main()
