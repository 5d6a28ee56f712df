"""Measuring a redacted PDF against its source: leaks, words kept, pixels changed.

Shared by ``tests/collation/test_redaction_corpus.py`` and
``bench/redaction.py``, so the test and the benchmark judge by one rule.
Needs ``pdftotext``, ``pdftoppm`` (poppler-utils) and ``qpdf`` on the path.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageChops

from collation.pdf.extract import extract_pages
from collation.pdf.redaction import RedactionRequest
from collation.pdf.redaction.base import Rect
from collation.pdf.redaction.locate import PageText

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "fixtures/samples/reports"
#: A pixel counts as changed when its grey level moves by more than this.
PIXEL_TOLERANCE = 48
#: Pixels around each box left out of the comparison (anti-aliasing at the edges).
EDGE_PIXELS = 2
_WORD = re.compile(r"\w+")
_SEPARATORS_IN_NUMBER = re.compile(r"(?<=\d)[\s\-./]+(?=\d)")


def samples() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.pdf"))


def planted(pdf: Path) -> list[RedactionRequest]:
    """The personal data the sample's truth file says is planted in it."""
    truth = json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text())
    return [RedactionRequest(page=item["page"], text=item["text"]) for item in truth["pii"]]


def item_forms(text: str) -> set[str]:
    """The text as written, without white space, and (when it is mostly a number) digits only."""
    forms = {text, re.sub(r"\s+", "", text)}
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 6:
        forms.add(digits)
    return forms


def _searchable(text: str) -> list[str]:
    """A page text as written, without white space, and with separators inside numbers gone."""
    return [text, re.sub(r"\s+", "", text), _SEPARATORS_IN_NUMBER.sub("", text)]


def leaks(
    redacted: Path, requests: list[RedactionRequest], *, plumber_pages: set[int] | None = None
) -> list[str]:
    """Where a requested text can still be found on its page of ``redacted`` (empty: nowhere).

    Each page is read by pdftotext, pdfplumber and pypdfium2 (as the platform
    reads it); the file is decompressed by qpdf and the page's content stream,
    and everything in the file that is not another page's content stream, is
    searched for the text in plain, hex and UTF-16 forms. A request is looked
    for on its own page only: a date of birth may also be an unrelated
    chronology date elsewhere. pdfplumber (pdfminer, some 0.3 s a page) reads
    ``plumber_pages`` only when given, every requested page otherwise.
    """
    pages = {request.page for request in requests}
    if plumber_pages is not None:
        pages &= plumber_pages
    readings = {
        "pdftotext": dict(enumerate(_pdftotext(redacted).split("\f"), start=1)),
        "pdfplumber": _pdfplumber(redacted, pages),
        "pypdfium2": {page.number: page.text for page in extract_pages(redacted)},
    }
    contents, rest = _decompressed(redacted)
    found = []
    for request in requests:
        streams = contents.get(request.page, b"") + rest
        for form in item_forms(request.text):
            for reader, texts in readings.items():
                text = texts.get(request.page, "")
                if any(form in variant for variant in _searchable(text)):
                    found.append(f"p{request.page} {request.text!r} ({form!r}) read by {reader}")
            if any(encoded in streams for encoded in _encodings(form)):
                found.append(f"p{request.page} {request.text!r} ({form!r}) in the file")
    return found


def _encodings(form: str) -> list[bytes]:
    raw = form.encode("latin-1", errors="ignore")
    utf16 = form.encode("utf-16-be")
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), utf16, utf16.hex().encode()]


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdfplumber(pdf: Path, pages: set[int]) -> dict[int, str]:
    with pdfplumber.open(pdf) as document:
        return {number: document.pages[number - 1].extract_text() or "" for number in pages}


_PAGE_CONTENTS = re.compile(rb"%% Contents for page (\d+)\n(.*?)endstream", re.DOTALL)


def _decompressed(pdf: Path) -> tuple[dict[int, bytes], bytes]:
    """(each page's decompressed content streams, the rest of the file), via ``qpdf --qdf``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "qdf.pdf"
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(out)],
            check=False,  # qpdf exits 3 for warnings; the file is still written
            capture_output=True,
        )
        data = out.read_bytes()
    contents: dict[int, bytes] = {}
    for match in _PAGE_CONTENTS.finditer(data):
        number = int(match.group(1))
        contents[number] = contents.get(number, b"") + match.group(2)
    return contents, _PAGE_CONTENTS.sub(b"", data)


def words_kept(source: Path, redacted: Path, requests: list[RedactionRequest]) -> dict[int, float]:
    """Per page, the share of the source's words (less the redacted ones) still read."""
    before = [page.text for page in extract_pages(source)]
    after = [page.text for page in extract_pages(redacted)]
    shares = {}
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        expected = Counter(_WORD.findall(old))
        for request in requests:
            if request.page == number:
                occurrences = len(
                    re.findall(r"\s*".join(map(re.escape, request.text.split())), old)
                )
                for word in _WORD.findall(request.text):
                    expected[word] -= max(occurrences, 1)
        expected = +expected
        total = sum(expected.values())
        kept = sum((expected & Counter(_WORD.findall(new))).values())
        shares[number] = kept / total if total else 1.0
    return shares


def request_boxes(source: Path, requests: list[RedactionRequest]) -> dict[int, list[Rect]]:
    """The boxes the engine draws for ``requests``, found the way it finds them."""
    boxes: dict[int, list[Rect]] = {}
    document = pdfium.PdfDocument(str(source))
    try:
        for request in requests:
            textpage = document[request.page - 1].get_textpage()
            for lines in PageText(textpage).find(request.text):
                boxes.setdefault(request.page, []).extend(lines)
            textpage.close()
    finally:
        document.close()
    return boxes


def pixels_changed(
    source: Path,
    redacted: Path,
    boxes: dict[int, list[Rect]],
    *,
    dpi: int = 30,
    pages: list[int] | None = None,
) -> dict[int, int]:
    """Per page, the pixels that differ outside the boxes, rendered by pdftoppm at ``dpi``.

    All pages, or only ``pages``. The boxes are taken in the default user
    space of an unrotated page whose media box starts at the origin.
    """
    scale = dpi / 72
    changed = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, old, new in _renders(source, redacted, Path(tmp), dpi, pages):
            with Image.open(old) as a, Image.open(new) as b:
                if a.size != b.size:
                    changed[number] = a.size[0] * a.size[1]
                    continue
                difference = ImageChops.difference(a, b).point(
                    lambda v: 255 if v > PIXEL_TOLERANCE else 0
                )
            mask = Image.new("L", difference.size, 255)
            height = difference.size[1]
            for x0, y0, x1, y1 in boxes.get(number, []):
                corners = (x0 * scale, height - y1 * scale, x1 * scale, height - y0 * scale)
                left, top, right, bottom = (int(v) for v in corners)
                grown = (left - EDGE_PIXELS, top - EDGE_PIXELS, right + EDGE_PIXELS + 1)
                mask.paste(0, (*grown, bottom + EDGE_PIXELS + 1))
            outside = ImageChops.multiply(difference, mask)
            changed[number] = outside.width * outside.height - outside.histogram()[0]
    return changed


def _renders(source: Path, redacted: Path, folder: Path, dpi: int, pages: list[int] | None):
    """(page number, source image, redacted image) for each page rendered."""
    ranges = [[]] if pages is None else [["-f", str(n), "-l", str(n)] for n in pages]
    for name, pdf in (("a", source), ("b", redacted)):
        for pick in ranges:
            command = ["pdftoppm", "-gray", "-r", str(dpi), *pick, str(pdf), str(folder / name)]
            subprocess.run(command, check=True, capture_output=True)
    for old in sorted(folder.glob("a-*.pgm")):
        number = int(old.stem.rsplit("-", 1)[1])
        yield number, old, old.with_name("b" + old.name[1:])
