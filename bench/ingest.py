"""End-to-end ingestion: upload to searchable, against pdftotext, per worker and across workers.

Run: ``.venv/bin/python bench/ingest.py [--pages 400] [--repeat 3] [--workers 2]``

Targets (printed with each figure):

* upload to searchable at >= 0.6x the pages/s of poppler's ``pdftotext`` on the
  same files, measured in the same run, one core each;
* worker start-up is paid once: a worker's first document runs at more than
  half the speed of the rest;
* peak worker memory < 250 MB on a 400-page report;
* ``--workers N``: the throughput of N Celery workers against 1.

In-process cases run in a fresh Python process each (so its peak RSS is its
own) doing what a worker does: ``document_ingest`` (receive, hash, every
check, store, record) then the processing task (extract, OCR if scanned,
analysis, pages and search vectors written in one transaction). "Searchable"
is when that task is done; suggested codings follow in a task of their own
(``collation.suggest_codings``), timed separately ("+ suggestions"). Cases:
one report of ``--pages`` pages (the samples joined) and the 12 sample reports
in turn. The reference is ``pdftotext`` run over the same files, one after
another, in the same run; the ratio is taken on CPU time (each side's own
process), which the other developers' load on this shared machine disturbs
less than wall time (both are printed).

``--workers N`` starts N real Celery workers (``--concurrency 1`` each, as
separate processes, as on separate machines) on Redis
(``BENCH_REDIS_URL``, default database 7). The documents are uploaded first
(their checks run in the web process in production), then their tasks are sent
at once to the ready workers, and the clock runs until every job is done
(searchable) and until the queue is empty (suggestions made too), for 1 worker
and then N. The database is PostgreSQL ``scr_scale_ingest`` on 127.0.0.1.
"""

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import ROOT, SAMPLES, build_long_report, ensure_database, peak_rss_mb, setup_django

DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scr_scale_ingest")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


def _bench_review():
    from collation.models import Review
    from scr_platform.accounts.models import Board, User

    board, _ = Board.objects.get_or_create(
        name="Bench Board", defaults={"slug": "bench-board", "region": "london"}
    )
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_superuser": True})
    review, _ = Review.objects.get_or_create(
        board=board,
        reference="BENCH",
        defaults={
            "title": "Bench",
            "incident": "death",
            "child_age_band": "1_5",
            "child_sex": "male",
        },
    )
    return user, review


def run_case(paths: list[str], preload: bool) -> dict:
    """In the child process: ingest every file; time each to searchable and with suggestions."""
    with tempfile.TemporaryDirectory() as media:
        setup_django(DB_URL, DJANGO_MEDIA_ROOT=media, DJANGO_LOG_LEVEL="WARNING")
        from collation import tasks
        from collation.models import ProcessingJob, ReviewDocument
        from collation.services import processing
        from collation.services.ingestion import document_ingest

        ReviewDocument.objects.all().delete()  # checksums are unique: start clean
        user, review = _bench_review()
        if preload:  # what worker_process_init does (collation.apps)
            from collation.analysis import analysis_preload

            analysis_preload()
        # Suggestions run in their own task: timed apart from "searchable".
        suggestion_seconds = []

        def suggest(document_id):
            started, cpu_started = time.perf_counter(), time.process_time()
            processing.codings_propose(document_id=document_id)
            suggestion_seconds.append(
                (time.process_time() - cpu_started, time.perf_counter() - started)
            )

        tasks.suggest_codings.delay = suggest
        rss_before = peak_rss_mb()
        documents = []
        for path in paths:
            started, cpu_started = time.perf_counter(), time.process_time()
            with open(path, "rb") as stream:
                document = document_ingest(
                    user=user,
                    review=review,
                    stream=stream,
                    filename=Path(path).name,
                    kind="overview_report",
                )
            job = ProcessingJob.objects.get(document=document)
            assert job.status == "done", (path, job.status, job.error)
            suggestions_cpu, suggestions_wall = suggestion_seconds[-1]
            documents.append(
                {
                    "pages": document.pages.count(),
                    "seconds": time.perf_counter() - started - suggestions_wall,
                    "cpu": time.process_time() - cpu_started - suggestions_cpu,
                    "suggestions_cpu": suggestions_cpu,
                }
            )
        return {"documents": documents, "rss_before": rss_before, "rss_peak": peak_rss_mb()}


def pdftotext_reference(paths: list[Path]) -> dict:
    """pdftotext over the same files, one after another: pages, wall and CPU seconds."""
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        pages += len(document)
        document.close()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for path in paths:
        subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"pages": pages, "seconds": seconds, "cpu": cpu}


def child(paths: list[Path], preload: bool = True) -> dict:
    flags = ["--preload"] if preload else []
    result = subprocess.run(
        [sys.executable, __file__, *flags, "--child", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        sys.exit(f"ingestion failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sum(documents: list[dict], key: str) -> float:
    return sum(document[key] for document in documents)


def measure(label: str, paths: list[Path], repeat: int) -> None:
    """Pipeline and pdftotext in turn, ``repeat`` times; the best of each, and their ratio."""
    runs, references = [], []
    for _ in range(repeat):
        references.append(pdftotext_reference(paths))
        runs.append(child(paths))
    best = min(runs, key=lambda run: _sum(run["documents"], "cpu"))
    reference = min(references, key=lambda run: run["cpu"])
    documents = best["documents"]
    pages = _sum(documents, "pages")
    cpu_rate = pages / _sum(documents, "cpu")
    wall_rate = pages / _sum(documents, "seconds")
    with_suggestions = pages / (_sum(documents, "cpu") + _sum(documents, "suggestions_cpu"))
    reference_cpu = reference["pages"] / reference["cpu"]
    reference_wall = reference["pages"] / reference["seconds"]
    ratio = cpu_rate / reference_cpu
    print(f"{label}: {pages} pages")
    print(
        f"  upload to searchable  {cpu_rate:6.0f} pages/s CPU ({wall_rate:5.0f} wall); "
        f"+ suggestions {with_suggestions:5.0f} pages/s CPU"
    )
    print(f"  pdftotext             {reference_cpu:6.0f} pages/s CPU ({reference_wall:5.0f} wall)")
    print(
        f"  ratio {ratio:.2f}x pdftotext (wall {wall_rate / reference_wall:.2f}x): "
        f"{'meets' if ratio >= 0.6 else 'MISSES'} the 0.6x target; peak RSS "
        f"{max(run['rss_peak'] for run in runs):.0f} MB (after start-up "
        f"{best['rss_before']:.0f} MB)"
    )


def start_up(repeat: int) -> None:
    """A worker's first document against the rest, with and without the preload."""
    print("Worker start-up: the 12 samples in a fresh worker process, first document vs rest")
    for preload in (False, True):
        ratios = []
        for _ in range(repeat):
            documents = child(SAMPLES, preload=preload)["documents"]
            first, rest = documents[0], documents[1:]
            first_rate = first["pages"] / first["cpu"]
            rest_rate = _sum(rest, "pages") / _sum(rest, "cpu")
            ratios.append((first_rate / rest_rate, first_rate, rest_rate))
        ratio, first_rate, rest_rate = sorted(ratios)[len(ratios) // 2]
        label = "preloaded at worker start" if preload else "loaded on first document"
        verdict = "meets" if ratio > 0.5 else "MISSES"
        print(
            f"  {label:<26} first {first_rate:5.0f} pages/s, rest {rest_rate:5.0f} pages/s: "
            f"{ratio:.2f} of the rest ({verdict} the > 0.5 target when preloaded)"
        )


# --- Several workers ----------------------------------------------------------


def _worker_environment(media: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "scr_platform.settings",
        "DJANGO_DEBUG": "true",
        "DJANGO_MEDIA_ROOT": media,
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def workers_run(count: int, paths: list[Path], media: str) -> tuple[int, float, float]:
    """Start ``count`` workers, upload every file, wait for every job and then for the
    queue to empty: (pages, seconds to searchable, seconds until suggestions are made)."""
    import redis

    from collation.models import ProcessingJob, ReviewDocument
    from collation.services.ingestion import document_ingest

    redis.Redis.from_url(REDIS_URL).flushdb()
    ReviewDocument.objects.all().delete()
    user, review = _bench_review()
    environment = _worker_environment(media)
    workers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "scr_platform",
                "worker",
                "--concurrency=1",
                "--pool=prefork",
                f"--hostname=bench-ingest-{number}@%h",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for number in range(1, count + 1)
    ]
    try:
        # Uploaded first (the checks run in the web process in production), their tasks
        # held back; then all sent at once to the ready workers, and the clock started.
        from collation import tasks
        from collation.services import ingestion

        documents = []
        with _tasks_held_back(ingestion):
            for path in paths:
                with open(path, "rb") as stream:
                    documents.append(
                        document_ingest(
                            user=user,
                            review=review,
                            stream=stream,
                            filename=Path(path).name,
                            kind="overview_report",
                        ).pk
                    )
        _wait_for_workers(count)
        started = time.perf_counter()
        for pk in documents:
            tasks.process_document.delay(pk)
        deadline = time.monotonic() + 1800
        while ProcessingJob.objects.filter(document_id__in=documents, status="done").count() < len(
            documents
        ):
            if failed := ProcessingJob.objects.filter(document_id__in=documents, status="failed"):
                sys.exit(f"a job failed: {failed.first().error}")
            if time.monotonic() > deadline:
                sys.exit("the workers did not finish in 30 minutes")
            time.sleep(0.05)
        searchable = time.perf_counter() - started
        broker = redis.Redis.from_url(REDIS_URL)
        while broker.llen("celery") or broker.hlen("unacked"):
            time.sleep(0.05)
        from collation.models import DocumentPage

        pages = DocumentPage.objects.filter(document_id__in=documents).count()
        return pages, searchable, time.perf_counter() - started
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)


class _tasks_held_back:
    """Uploads record their jobs but send no task (the bench sends them later)."""

    def __init__(self, module):
        self.module, self.real = module, module.document_enqueue

    def __enter__(self):
        self.module.document_enqueue = lambda **kwargs: True

    def __exit__(self, *exc):
        self.module.document_enqueue = self.real


def _wait_for_workers(count: int) -> None:
    from scr_platform.celery import app

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if (
            sum(1 for reply in replies for name in reply if name.startswith("bench-ingest-"))
            >= count
        ):
            return
    sys.exit(f"{count} Celery workers did not start within 2 minutes")


def scaling(count: int, paths: list[Path]) -> None:
    """1 worker, then ``count``, on the same documents; throughput and the ratio."""
    os.environ["REDIS_URL"] = REDIS_URL  # this process sends the tasks through Redis
    with tempfile.TemporaryDirectory() as media:
        os.environ["DJANGO_MEDIA_ROOT"] = media
        from django.conf import settings

        settings.MEDIA_ROOT = media
        from scr_platform.celery import app

        app.conf.broker_url = REDIS_URL
        app.conf.task_always_eager = False
        rates, totals = {}, {}
        for workers in (1, count):
            pages, searchable, everything = workers_run(workers, paths, media)
            rates[workers], totals[workers] = pages / searchable, pages / everything
            print(
                f"  {workers} worker{'s' if workers > 1 else ' '}  {pages} pages: searchable "
                f"in {searchable:5.1f} s, {rates[workers]:5.0f} pages/s; with suggestions "
                f"{everything:5.1f} s, {totals[workers]:5.0f} pages/s"
            )
        print(
            f"  {count} workers against 1: {rates[count] / rates[1]:.2f}x to searchable, "
            f"{totals[count] / totals[1]:.2f}x with suggestions "
            f"(at most {min(count, os.cpu_count() or 1)}x on {os.cpu_count()} cores)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="also run N Celery workers")
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_case(args.child, args.preload)))
        return

    ensure_database(DB_URL)
    setup_django(DB_URL)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("End-to-end ingestion (upload → searchable), one worker process, in-process tasks")
    with tempfile.TemporaryDirectory() as folder:
        long_report = Path(folder) / "long_report.pdf"
        pages = build_long_report(args.pages, long_report)
        measure(f"one {pages}-page report", [long_report], args.repeat)
        measure(f"{len(SAMPLES)} sample reports in turn", SAMPLES, args.repeat)
        start_up(args.repeat)
        if args.workers > 1:
            print(f"Celery workers on Redis ({REDIS_URL}): the 12 samples and the long report")
            scaling(args.workers, [*SAMPLES, long_report])
    print(
        "Targets: >= 0.6x pdftotext; first document > 0.5 of the rest; peak RSS < 250 MB on a "
        f"400-page report; {args.workers or 2} workers against 1 reported."
    )
    print(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
