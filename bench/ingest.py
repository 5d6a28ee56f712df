"""End-to-end ingestion: upload to searchable, per worker, with peak memory.

Run: ``.venv/bin/python bench/ingest.py [--pages 400] [--repeat 3]``

Targets: >= 250 pages/s per worker end to end; peak worker memory < 250 MB on
a 400-page report.

Each case runs in a fresh Python process (so its peak RSS is its own) that
does exactly what a worker does, in-process: ``document_ingest`` (receive,
hash, every check, store the file, record the document and its job) and then
the processing task (extract every page, find recommendations and personal
data, readability, write pages and search vectors in one transaction). The
clock runs from the first byte of the upload to the job being done, when the
text is searchable. Cases: one report of ``--pages`` pages (the samples
joined) and the 12 sample reports one after another. The database is
PostgreSQL ``scr_bench_ingest`` on 127.0.0.1 (created if missing).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import ROOT, SAMPLES, build_long_report, ensure_database, peak_rss_mb, setup_django

DB_URL = "postgres://postgres@127.0.0.1:5432/scr_bench_ingest"


def run_case(paths: list[str]) -> dict:
    """In the child process: ingest every file; report time, pages and memory."""
    with tempfile.TemporaryDirectory() as media:
        setup_django(DB_URL, DJANGO_MEDIA_ROOT=media, DJANGO_LOG_LEVEL="WARNING")
        from collation.analysis import personal_data, readability, recommendations  # noqa: F401
        from collation.models import ProcessingJob, Review, ReviewDocument
        from collation.services.ingestion import document_ingest
        from scr_platform.accounts.models import Board, User

        ReviewDocument.objects.all().delete()  # checksums are unique: start clean
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
        # Warm the readability dictionaries, loaded once per worker process.
        readability.readability_measure(["A warm-up sentence for the dictionaries."])
        rss_before = peak_rss_mb()
        pages = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for path in paths:
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
            pages += document.pages.count()
        elapsed = time.perf_counter() - started
        return {
            "pages": pages,
            "seconds": elapsed,
            "cpu": time.process_time() - cpu_started,
            "rss_before": rss_before,
            "rss_peak": peak_rss_mb(),
        }


def measure(label: str, paths: list[Path], repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, __file__, "--child", *map(str, paths)],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if result.returncode != 0:
            sys.exit(f"{label} failed:\n{result.stderr[-3000:]}")
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda run: run["seconds"])
    rates = sorted(run["pages"] / run["seconds"] for run in runs)
    print(
        f"{label:<34} {best['pages']:>6} pages  "
        f"best {best['pages'] / best['seconds']:>6.0f} pages/s"
        f"  median {rates[len(rates) // 2]:>6.0f} pages/s  "
        f"worker CPU {best['pages'] / best['cpu']:>5.0f} pages/s  "
        f"peak RSS {max(run['rss_peak'] for run in runs):>5.0f} MB "
        f"(after start-up {best['rss_before']:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_case(args.child)))
        return

    ensure_database(DB_URL)
    setup_django(DB_URL)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print("End-to-end ingestion (upload → searchable), one worker process, in-process tasks")
    with tempfile.TemporaryDirectory() as folder:
        long_report = Path(folder) / "long_report.pdf"
        pages = build_long_report(args.pages, long_report)
        measure(f"one {pages}-page report", [long_report], args.repeat)
    measure(f"{len(SAMPLES)} sample reports in turn", SAMPLES, args.repeat)
    print("Targets: >= 250 pages/s per worker; peak RSS < 250 MB on a 400-page report.")


if __name__ == "__main__":
    main()
