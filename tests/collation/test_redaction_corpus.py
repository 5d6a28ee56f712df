"""The redaction engine on the 12 sample reports: every planted personal data item goes.

Each sample is redacted of every item in its truth file (``truth["pii"]``),
then measured by ``redaction_checks`` (shared with ``bench/redaction.py``):

* no item can be found on its page by pdftotext, pdfplumber or pypdfium2,
  nor in the decompressed file, as written, without spaces, or as digits;
* at least 99% of each page's other words are still extracted;
* pages with boxes render the same outside the boxes (pdftoppm, 30 dpi).

pdfplumber, the slowest reader (over a second a page here), reads one page
of each sample, where an item sits in the body, two columns or a table in
turn; the benchmark reads every page with an item. Pixels are compared on
the pages with boxes; the benchmark compares every page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from collation.pdf.redaction import RedactionOutcome, pdf_redact
from tests.collation import redaction_checks as checks

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "qpdf")),
    reason="needs poppler-utils and qpdf (.ci/run installs them)",
)
SAMPLES = checks.samples()
MIN_WORDS_KEPT = 0.99


@pytest.fixture(scope="module")
def redacted(tmp_path_factory) -> dict[str, tuple[Path, RedactionOutcome]]:
    folder = tmp_path_factory.mktemp("redacted")
    done = {}
    for sample in SAMPLES:
        target = folder / sample.name
        outcome = pdf_redact(source=sample, target=target, requests=checks.planted(sample))
        done[sample.name] = (target, outcome)
    return done


def plumber_page(index: int, sample: Path) -> set[int]:
    """One page for pdfplumber: the kinds of place items sit in, taken in turn across samples."""
    truth = json.loads(sample.with_suffix("").with_suffix(".truth.json").read_text())
    first: dict[str, int] = {}
    for item in truth["pii"]:
        first.setdefault(item["context"], item["page"])
    contexts = sorted(first)
    return {first[contexts[index % len(contexts)]]}


def test_there_are_twelve_samples():
    assert len(SAMPLES) == 12


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_item_is_found_and_no_page_needs_rasterising(redacted, sample):
    _, outcome = redacted[sample.name]
    assert outcome.not_found == []
    assert outcome.rasterised == {}
    assert outcome.boxes >= len(checks.planted(sample))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_item_can_be_found_in_the_copy(redacted, sample):
    target, _ = redacted[sample.name]
    requests = checks.planted(sample)
    pages = plumber_page(SAMPLES.index(sample), sample)
    assert checks.leaks(target, requests, plumber_pages=pages) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_other_words_are_kept_on_every_page(redacted, sample):
    target, _ = redacted[sample.name]
    kept = checks.words_kept(sample, target, checks.planted(sample))
    worst = min(kept, key=kept.get)
    assert kept[worst] >= MIN_WORDS_KEPT, f"page {worst} keeps {kept[worst]:.2%} of its words"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_pages_are_unchanged_outside_the_boxes(redacted, sample):
    target, _ = redacted[sample.name]
    boxes = checks.request_boxes(sample, checks.planted(sample))
    changed = checks.pixels_changed(sample, target, boxes, pages=sorted(boxes))
    assert len(changed) == len(boxes)
    assert {page: pixels for page, pixels in changed.items() if pixels} == {}
