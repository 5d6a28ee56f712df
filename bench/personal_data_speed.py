"""Speed of the personal-data detector, against the page-by-page one it replaced.

Run: ``.venv/bin/python bench/personal_data_speed.py [--repeat 5] [--pages 700]``

Targets: ``personal_data_find`` at least as fast (pages/s) as the page-by-page
detector it replaced, measured in the same run on the same texts; within 20%
per page on one long report (``--pages``, the samples' pages joined, cycling)
of its rate on the samples, so nothing grows faster than the document; and a
worker's first document, once ``analysis_preload`` ran, as fast for personal
data (within 20%) as the same document analysed after another one.

The reference is the detector as it was before it became a package: the
module ``collation/analysis/personal_data.py`` at the last commit that had it
(``git show``), loaded from a temporary file. Every sample page is extracted
once; the clock (processor time) covers ``personal_data_find`` only (running
lines found inside it), best of ``--repeat`` runs, the two detectors taking
turns.

The first-document figures run in fresh processes: the first sample's
analysis (personal data and readability, as a worker does) without and with
``analysis_preload`` first, and after the second sample's (a worker in its
stride: textstat's syllable cache part warm).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import ROOT

OLD_MODULE = "collation/analysis/personal_data.py"


def _old_detector(folder: Path):
    """The page-by-page detector from the last commit that had it as one module."""
    log = ["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--diff-filter=D", "--", OLD_MODULE]
    removed_in = subprocess.run(log, check=True, capture_output=True, text=True).stdout.strip()
    if not removed_in:
        raise SystemExit(f"{OLD_MODULE} was never removed: nothing to compare with")
    show = ["git", "-C", str(ROOT), "show", f"{removed_in}^:{OLD_MODULE}"]
    source = subprocess.run(show, check=True, capture_output=True, text=True).stdout
    path = folder / "personal_data_page_by_page.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("personal_data_page_by_page", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.personal_data_find, removed_in[:10]


def _reports() -> list[list[tuple[int, str]]]:
    from bench.personal_data_accuracy import sample_pdfs
    from collation.pdf.extract import extract_pages

    return [[(page.number, page.text) for page in extract_pages(pdf)] for pdf in sample_pdfs()]


def _best(find, documents: list[list[tuple[int, str]]], repeat: int) -> float:
    """The least processor time ``find`` took over all ``documents``, of ``repeat`` runs.

    Processor time, not wall-clock: on a shared machine the wall-clock time of
    one core swings with other people's work, its processor time far less.
    """
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for pages in documents:
            find(pages)
        best = min(best, time.process_time() - started)
    return best


FIRST_DOCUMENT = """
import sys, time
sys.path.insert(0, {root!r})
from collation.analysis import analysis_preload
from collation.analysis.personal_data import personal_data_find
from collation.analysis.readability import readability_measure
from bench.personal_data_accuracy import sample_pdfs
from collation.pdf.extract import extract_pages
first, other = (list(extract_pages(pdf)) for pdf in sample_pdfs()[:2])
def analyse(pages):
    started = time.process_time()
    personal_data_find(pages)
    middle = time.process_time()
    readability_measure(page.text for page in pages)
    ended = time.process_time()
    return len(pages) / (middle - started), len(pages) / (ended - middle)
if {preload}:
    analysis_preload()
if {after_another}:
    analyse(other)
print(*analyse(first))
"""


def _first_document(*, preload: bool, after_another: bool = False) -> tuple[float, float]:
    """Pages/s of the first sample's personal data and readability in a fresh process."""
    code = FIRST_DOCUMENT.format(root=str(ROOT), preload=preload, after_another=after_another)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    personal, readability = map(float, out.stdout.split())
    return personal, readability


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=700, help="pages of the long report")
    args = parser.parse_args(argv)

    from collation.analysis.personal_data import personal_data_find

    reports = _reports()
    pages = [page for report in reports for page in report]
    joined, cycle = [], 0
    while len(joined) < args.pages:
        joined += [(len(joined) + 1, text) for _number, text in reports[cycle % len(reports)]]
        cycle += 1
    with tempfile.TemporaryDirectory() as folder:
        old_find, commit = _old_detector(Path(folder))
        cases = [("samples", reports, len(pages)), ("long report", [joined], len(joined))]
        times: dict[tuple[str, str], float] = {}
        for _turn in range(args.repeat):  # taking turns, so a busy spell hits both
            for case, documents, _count in cases:
                for label, find in (("page by page", old_find), ("now", personal_data_find)):
                    took = _best(find, documents, 1)
                    times[(case, label)] = min(times.get((case, label), took), took)
        rates = {
            (case, label): count / times[(case, label)]
            for case, _documents, count in cases
            for label in ("page by page", "now")
        }

    print(
        f"personal_data_find, pages per processor second (best of {args.repeat}; "
        f"reference: {commit}^)"
    )
    print(f"{'case':<14}{'pages':>7}{'page by page':>14}{'now':>9}{'ratio':>8}")
    for case, _documents, count in cases:
        old, new = rates[(case, "page by page")], rates[(case, "now")]
        print(f"{case:<14}{count:>7}{old:>14.0f}{new:>9.0f}{new / old:>8.2f}")
    samples, long = rates[("samples", "now")], rates[("long report", "now")]
    fast = samples >= rates[("samples", "page by page")]
    print(f"target: at least as fast as page by page on the samples: {'met' if fast else 'MISSED'}")
    linear = long >= 0.8 * samples
    print(
        f"target: long report within 20% of the samples' rate ({long / samples:.2f}): "
        f"{'met' if linear else 'MISSED'}"
    )

    cold = _first_document(preload=False)
    warm = _first_document(preload=True)
    steady = _first_document(preload=True, after_another=True)
    print("a worker's first document, pages/s: without preloading, after analysis_preload,")
    print("and after another document (in its stride)")
    for index, part in enumerate(("personal data", "readability")):
        print(f"  {part:<14}{cold[index]:>8.0f}{warm[index]:>8.0f}{steady[index]:>8.0f}")
    ready = warm[0] >= 0.8 * steady[0]
    print(
        "target: personal data on a preloaded first document within 20% of in its stride: "
        f"{'met' if ready else 'MISSED'} (readability's remaining gap is its syllable "
        "cache filling, not loading)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
