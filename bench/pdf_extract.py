"""PDF check and text extraction throughput, on one core.

Run: ``.venv/bin/python bench/pdf_extract.py [--pages 400] [--repeat 3] [--compare-tables]``

Target: the whole ingestion pipeline does >= 250 pages/s per worker end to end
with < 250 MB peak RSS, so ``pdf_inspect`` + ``extract_pages`` alone must be
well above 250 pages/s.

What it does:

1. builds, in a temporary directory, one report of at least ``--pages`` pages
   by concatenating the 12 sample reports (``tests/fixtures/samples/reports``)
   with pypdfium2's ``import_pages``, cycling through them;
2. for that report, and then for the 12 sample reports one after another,
   starts a fresh Python process pinned to one CPU which imports the modules,
   then runs ``pdf_inspect`` and consumes ``extract_pages`` ``--repeat``
   times; it prints pages/s for the first (cold) and the best run, and the
   process's peak RSS (``ru_maxrss``) after importing and at the end, so the
   difference is the extraction's own. Pages per CPU second (process time)
   is printed too: on a busy machine the wall-clock rate on the pinned core
   drops while the CPU rate does not.

3. times the hostile samples that once took long (``tests/fixtures/samples/bad``):
   a page that is one very long line (target < 2 s) and 5,000 blank pages
   (target < 10 s), beside the 20-page valid report as the reference.

``--compare-tables`` also prints how pypdfium2's text and pdfplumber's text
differ on the sample pages a cheap pre-screen (count of path objects - ruled
lines and cell boxes - from pypdfium2's page objects) flags as likely tables,
with the cost of the pre-screen and of pdfplumber per page. This is the
measurement behind not sending table pages to pdfplumber (see
``collation/pdf/extract.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import SAMPLES, build_long_report
from _support import peak_rss_mb as _rss_mb

MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2000
#: Pages with at least this many path objects are likely to hold a table.
TABLE_PATHS = 8


def worker(paths: list[str], repeat: int) -> None:
    """Runs in the fresh subprocess; prints one JSON line."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux: use the OS's choice
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from collation.pdf.checks import pdf_inspect
    from collation.pdf.extract import extract_pages, text_layer_missing

    rss_after_import = _rss_mb()
    runs = []
    cpu = []
    inspecting = []
    pages = chars = 0
    for _ in range(repeat):
        pages = chars = 0
        inspect_seconds = 0.0
        started = time.perf_counter()
        cpu_started = time.process_time()
        for path in paths:
            inspect_started = time.perf_counter()
            info = pdf_inspect(path, max_bytes=MAX_BYTES, max_pages=MAX_PAGES)
            inspect_seconds += time.perf_counter() - inspect_started
            extracted = []
            for page in extract_pages(path):
                chars += len(page.text)
                extracted.append(page)
            assert len(extracted) == info.page_count, path
            assert not text_layer_missing(extracted), path
            pages += len(extracted)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        inspecting.append(inspect_seconds)
    print(
        json.dumps(
            {
                "pages": pages,
                "chars": chars,
                "seconds": runs,
                "cpu_seconds": cpu,
                "inspect_seconds": inspecting,
                "rss_after_import_mb": rss_after_import,
                "peak_rss_mb": _rss_mb(),
            }
        )
    )


def measure(label: str, paths: list[Path], repeat: int) -> None:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", "--repeat", str(repeat), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    pages, seconds = data["pages"], data["seconds"]
    best = seconds.index(min(seconds))
    print(
        f"{label}: {pages} pages, {data['chars']:,} characters\n"
        f"  first run {seconds[0]:.3f} s = {pages / seconds[0]:,.0f} pages/s; "
        f"best of {len(seconds)} {min(seconds):.3f} s = {pages / min(seconds):,.0f} pages/s "
        f"(pdf_inspect {data['inspect_seconds'][best]:.3f} s of it); "
        f"{pages / min(data['cpu_seconds']):,.0f} pages per CPU second\n"
        f"  peak RSS {data['peak_rss_mb']:.0f} MB "
        f"(after imports {data['rss_after_import_mb']:.0f} MB, "
        f"extraction +{data['peak_rss_mb'] - data['rss_after_import_mb']:.0f} MB)"
    )


#: Hostile samples and how long their extraction may take, in seconds.
HOSTILE_TARGETS = {"long_single_line.pdf": 2.0, "blank_5000_pages.pdf": 10.0}


def hostile() -> None:
    """Extraction time of the hostile samples, against their targets."""
    from collation.pdf.extract import extract_pages

    bad = SAMPLES[0].parent.parent / "bad"

    def seconds(name: str) -> tuple[float, int]:
        started = time.perf_counter()
        pages = sum(1 for _ in extract_pages(bad / name))
        return time.perf_counter() - started, pages

    reference, pages = seconds("valid_report.pdf")
    print(f"Hostile samples (reference: valid_report.pdf, {pages} pages, {reference:.2f} s):")
    for name, target in HOSTILE_TARGETS.items():
        taken, pages = seconds(name)
        verdict = "meets" if taken < target else "MISSES"
        print(f"  {name}: {pages:,} pages in {taken:.2f} s; {verdict} the < {target:.0f} s target")


def compare_tables() -> None:
    """pdfium vs pdfplumber on pages the pre-screen flags as tables."""
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from collation.pdf.extract import normalise_text

    flagged = same = 0
    screen_seconds = plumber_seconds = 0.0
    screened = 0
    differing: list[str] = []
    for sample in SAMPLES:
        document = pdfium.PdfDocument(str(sample))
        plumber = pdfplumber.open(str(sample))
        try:
            for index in range(len(document)):
                page = document[index]
                started = time.perf_counter()
                paths = sum(
                    1
                    for obj in page.get_objects(max_depth=2)
                    if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
                )
                screen_seconds += time.perf_counter() - started
                screened += 1
                if paths < TABLE_PATHS:
                    page.close()
                    continue
                flagged += 1
                textpage = page.get_textpage()
                ours = normalise_text(textpage.get_text_range())
                textpage.close()
                page.close()
                started = time.perf_counter()
                plumber_page = plumber.pages[index]
                theirs = normalise_text(plumber_page.extract_text())
                plumber_page.close()
                plumber_seconds += time.perf_counter() - started
                if ours == theirs:
                    same += 1
                else:
                    differing.append(f"{sample.name} p{index + 1}")
        finally:
            plumber.close()
            document.close()
    print(
        f"Table pre-screen (>= {TABLE_PATHS} path objects): {screened} pages screened at "
        f"{screened / screen_seconds:,.0f} pages/s; {flagged} flagged as tables.\n"
        f"  pdfplumber on the flagged pages: {plumber_seconds / max(flagged, 1) * 1000:.0f} ms "
        f"a page; text identical to pypdfium2's (after normalise_text) on {same} of {flagged}."
    )
    if differing:
        print("  differing: " + ", ".join(differing))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare-tables", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.paths, args.repeat)
        return

    with tempfile.TemporaryDirectory() as tmp:
        long_report = Path(tmp) / "long_report.pdf"
        pages = build_long_report(args.pages, long_report)
        size_mb = long_report.stat().st_size / (1024 * 1024)
        measure(f"One {pages}-page report ({size_mb:.1f} MB)", [long_report], args.repeat)
    measure(f"The {len(SAMPLES)} sample reports", SAMPLES, args.repeat)
    hostile()
    if args.compare_tables:
        compare_tables()


if __name__ == "__main__":
    main()
