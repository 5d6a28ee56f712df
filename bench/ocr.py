"""OCR of scanned reports: speed per core, word recall and personal-data recall.

Run: ``.venv/bin/python bench/ocr.py [--reports 12] [--processes 2]``

Targets (printed with each figure): at least 1 page/s per core at 300 dpi;
word recall >= 0.95 against the original text; personal-data recall >= 0.9 on
the scans.

Each sample report (``tests/fixtures/samples/reports``) is turned into a scan:
every page rendered by poppler's ``pdftoppm`` at 300 dpi in grey, and the
images saved as an image-only PDF (Pillow), so no text layer is left. The scan
is then read exactly as a worker reads one (``collation.pdf.ocr.pdf_ocr``: pdfium
renders each page at 300 dpi, Tesseract reads it, the text layer is laid over
the page) and the OCR'd copy extracted with ``extract_pages``.

* Speed: pages / CPU seconds (this process's rendering and PDF work plus the
  Tesseract processes' own CPU), so other load on the machine does not count;
  wall time is printed too. Reports are spread over ``--processes`` processes.
* Word recall: per page, the words (lower case, letters and digits) of the
  original's text found in the OCR text, counted with multiplicity.
* Personal-data recall: the detector (``personal_data_find``) run over the OCR
  text of each whole report, scored against the truth files' ``pii`` items by
  the rule the accuracy test uses (``tests/collation/personal_data_truth.py``);
  the same detector on the original text is printed alongside.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _support import ROOT, SAMPLES

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DPI = 300
_WORD = re.compile(r"[a-z0-9]+")


def image_only_pdf(source: Path, target: Path) -> None:
    """``source`` scanned: pdftoppm at 300 dpi in grey, the images saved as one PDF."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", str(source), f"{folder}/page"], check=True
        )
        images = [Image.open(path) for path in sorted(Path(folder).glob("page-*.pgm"))]
        images[0].save(target, save_all=True, append_images=images[1:], resolution=DPI)
        for image in images:
            image.close()


def words(text: str) -> Counter:
    return Counter(_WORD.findall(text.lower()))


def read_report(source: str) -> dict:
    """In a pool process: scan one report, OCR it; its figures and both texts."""
    from collation.pdf.extract import extract_pages
    from collation.pdf.ocr import pdf_ocr

    source = Path(source)
    with tempfile.TemporaryDirectory() as folder:
        scan, read = Path(folder) / "scan.pdf", Path(folder) / "ocr.pdf"
        image_only_pdf(source, scan)
        original = [page.text for page in extract_pages(source)]
        before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_started, started = time.process_time(), time.perf_counter()
        pages = pdf_ocr(source=scan, target=read, pages=list(range(1, len(original) + 1)))
        wall = time.perf_counter() - started
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (
            time.process_time()
            - cpu_started
            + children.ru_utime
            + children.ru_stime
            - before_children.ru_utime
            - before_children.ru_stime
        )
        ocr_text = [page.text for page in extract_pages(read)]
    return {
        "name": source.stem,
        "pages": len(pages),
        "cpu": cpu,
        "wall": wall,
        "confidence": [page.confidence for page in pages],
        "original": original,
        "ocr": ocr_text,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=len(SAMPLES))
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    from collation.analysis.personal_data import personal_data_find
    from collation.pdf.extract import ExtractedPage
    from collation.pdf.ocr import ocr_unavailable
    from tests.collation.personal_data_truth import Score, ratio, score_sample

    if reason := ocr_unavailable():
        sys.exit(reason)
    print(f"Load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    reports = [str(path) for path in SAMPLES[: args.reports]]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.processes) as pool:
        results = list(pool.map(read_report, reports))
    wall = time.perf_counter() - started

    truth_words = found_words = 0
    on_scan = Score(Counter(), Counter(), Counter(), Counter(), [], [], [], [])
    on_original = Score(Counter(), Counter(), Counter(), Counter(), [], [], [], [])
    print(f"{'report':<14}{'pages':>6}{'pages/s/core':>14}{'word recall':>13}{'min conf':>10}")
    for result, path in zip(results, reports, strict=True):
        page_truth = page_found = 0
        for original, ocr_text in zip(result["original"], result["ocr"], strict=True):
            expected, got = words(original), words(ocr_text)
            page_truth += sum(expected.values())
            page_found += sum((expected & got).values())
        truth_words, found_words = truth_words + page_truth, found_words + page_found
        truth = json.loads(Path(path).with_suffix(".truth.json").read_text(encoding="utf-8"))
        board = truth.get("metadata", {}).get("board")
        for texts, score in ((result["ocr"], on_scan), (result["original"], on_original)):
            pages = [ExtractedPage(n, text) for n, text in enumerate(texts, start=1)]
            score_sample(result["name"], personal_data_find(pages, board_name=board), truth, score)
        print(
            f"{result['name']:<14}{result['pages']:>6}{result['pages'] / result['cpu']:>14.2f}"
            f"{ratio(page_found, page_truth):>13.3f}{min(result['confidence']):>10.0f}"
        )
    pages = sum(result["pages"] for result in results)
    per_core = pages / sum(result["cpu"] for result in results)
    word_recall = ratio(found_words, truth_words)
    pd_recall = ratio(sum(on_scan.recalled.values()), sum(on_scan.truth.values()))
    pd_original = ratio(sum(on_original.recalled.values()), sum(on_original.truth.values()))
    print()
    print(
        f"OCR speed: {per_core:.2f} pages/s per core at {DPI} dpi ({pages} pages, "
        f"{pages / wall:.2f} pages/s wall on {args.processes} processes): "
        f"{'meets' if per_core >= 1 else 'MISSES'} the 1 page/s per core target"
    )
    print(
        f"Word recall against the original text: {word_recall:.3f} "
        f"({found_words:,} of {truth_words:,} words): "
        f"{'meets' if word_recall >= 0.95 else 'MISSES'} the 0.95 target"
    )
    print(
        f"Personal-data recall on the scans: {pd_recall:.3f} "
        f"({sum(on_scan.recalled.values())} of {sum(on_scan.truth.values())} items; "
        f"{pd_original:.3f} on the original text): "
        f"{'meets' if pd_recall >= 0.9 else 'MISSES'} the 0.9 target"
    )
    for name, item in on_scan.false_negatives[:15]:
        print(f"  missed on the scan: {name} p{item['page']} {item['type']}: {item['text']!r}")
    print(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
