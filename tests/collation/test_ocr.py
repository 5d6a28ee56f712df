"""Scanned reports read by OCR while processed (collation/services/ocr.py, with
processing): the text is stored, searched and checked for personal data like any
other, page by page progress, the pages marked with their confidence for the manager,
redaction on the OCR'd text; without Tesseract the document is stored without text as
before; a failed or half-stored reading leaves nothing behind."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse

from collation.choices import DocumentStatus, FlagStatus, JobStatus
from collation.models import DocumentPage, ProcessingJob
from collation.pdf import ocr as pdf_ocr_module
from collation.pdf.redaction import RedactionRequest
from collation.selectors import page_search, published_review_list
from collation.services import ocr as ocr_service
from collation.services import processing
from collation.services.reviews import review_publish
from tests.collation.redaction_checks import leaks
from tests.collation.scans import scanned_pdf, tesseract_fails_on_call

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        pdf_ocr_module.ocr_unavailable() is not None, reason="Tesseract is installed by .ci/run"
    ),
]

PAGES = [
    ["Jayden was born on 28.02.2001 and lived", "with his mother in Castleton."],
    ["The paramedics found signs of hypothermia.", "The school raised concerns in May."],
]


@pytest.fixture
def scan(tmp_path):
    return scanned_pdf(tmp_path / "scanned-report.pdf", PAGES)


@pytest.fixture
def progress(monkeypatch):
    """Every progress message processing writes, in order."""
    seen = []
    real = processing._progress

    def record(job, *, current, status, message):
        seen.append((status, message))
        real(job, current=current, status=status, message=message)

    monkeypatch.setattr(processing, "_progress", record)
    return seen


@pytest.fixture
def no_temporary_files_left(tmp_path, monkeypatch):
    """Temporary files go to a folder of the test's own; it must end empty."""
    import tempfile

    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield
    assert list(folder.iterdir()) == []


def _stored_ocr_files(media_root) -> list[Path]:
    return [path for path in (Path(media_root) / "ocr").rglob("*") if path.is_file()]


def test_a_scan_is_read_by_ocr_searchable_checked_and_marked_for_the_manager(
    scan, manager, draft_review, ingest, progress, client, no_temporary_files_left
):
    document = ingest(user=manager, review=draft_review, path=scan)

    assert document.status == DocumentStatus.READY
    texts = dict(document.pages.values_list("number", "text"))
    assert "born on 28.02.2001" in " ".join(texts[1].split())
    assert "signs of hypothermia" in texts[2]
    # Indexed for search like any other text.
    found = DocumentPage.objects.filter(search_vector=SearchQuery("hypothermia", config="english"))
    assert list(found.values_list("document_id", "number")) == [(document.pk, 2)]
    # Personal data found in the OCR'd text.
    flags = document.personal_data_flags.values_list("page", "kind", "text")
    assert (1, "date_of_birth", "28.02.2001") in flags
    # Marked: which pages OCR read, with confidence; progress page by page.
    assert set(document.ocr_pages) == {"1", "2"}
    assert all(confidence > 80 for confidence in document.ocr_pages.values())
    assert document.ocr_copy and document.ocr_copy.name.startswith("ocr/")
    assert [w["code"] for w in document.warnings] == ["ocr_pages"]
    assert "2 scanned pages were read by OCR (1, 2)" in document.warnings[0]["message"]
    assert [m for s, m in progress if s == JobStatus.OCR] == [
        "Reading scanned page 1 of 2 (OCR)",
        "Reading scanned page 2 of 2 (OCR)",
    ]
    assert ProcessingJob.objects.get(document=document).status == JobStatus.DONE
    client.force_login(manager)
    page = client.get(reverse("collation:review-detail", args=[draft_review.pk])).content.decode()
    assert "Read by OCR: pages 1 (confidence" in page


def test_the_ocr_text_is_redacted_from_the_public_copy_and_published_text_is_searchable(
    scan, manager, draft_review, ingest, check_all, tmp_path, django_capture_on_commit_callbacks
):
    document = ingest(user=manager, review=draft_review, path=scan)
    check_all(user=manager, review=draft_review, decision=FlagStatus.REDACT)
    document.refresh_from_db()
    assert document.public_copy, document.redaction_job.error
    copy = tmp_path / "public.pdf"
    copy.write_bytes(document.public_copy.read())
    redacted = [
        RedactionRequest(page=flag.page, text=flag.text)
        for flag in document.personal_data_flags.filter(status=FlagStatus.REDACT)
    ]
    assert any(request.text == "28.02.2001" for request in redacted)
    assert leaks(copy, redacted) == []
    public = subprocess.run(["pdftotext", str(copy), "-"], capture_output=True, text=True)
    assert "hypothermia" in public.stdout and "28.02.2001" not in public.stdout
    with django_capture_on_commit_callbacks(execute=True):
        review_publish(user=manager, review=draft_review)
    results = page_search(query="hypothermia", reviews=published_review_list())
    assert [(hit.document.pk, hit.page) for hit in results.hits] == [(document.pk, 2)]


def test_without_tesseract_the_scan_is_stored_without_text_and_says_why(
    scan, manager, draft_review, ingest, monkeypatch, media_root
):
    reason = "OCR is not available on this server: Tesseract is not installed."
    monkeypatch.setattr(ocr_service, "ocr_unavailable", lambda: reason)

    document = ingest(user=manager, review=draft_review, path=scan)

    assert document.status == DocumentStatus.NO_TEXT
    (warning,) = document.warnings
    assert warning["code"] == "no_text_layer" and reason in warning["message"]
    assert not document.ocr_copy and document.ocr_pages == {}
    assert all(not text for text in document.pages.values_list("text", flat=True))
    assert _stored_ocr_files(media_root) == []


def test_a_scan_ocr_cannot_finish_fails_and_leaves_nothing_behind(
    scan, manager, draft_review, ingest, monkeypatch, media_root, no_temporary_files_left
):
    tesseract_fails_on_call(monkeypatch, 2)
    document = ingest(user=manager, review=draft_review, path=scan)

    job = ProcessingJob.objects.get(document=document)
    assert job.status == JobStatus.FAILED and "Page 2 could not be read by OCR" in job.error
    assert document.status == DocumentStatus.FAILED
    assert not document.pages.exists() and not document.personal_data_flags.exists()
    assert not document.ocr_copy and _stored_ocr_files(media_root) == []


def test_a_reading_whose_storing_fails_leaves_no_copy_and_a_rerun_replaces_the_copy(
    scan, manager, draft_review, ingest, monkeypatch, media_root, django_capture_on_commit_callbacks
):
    def failing(**kwargs):
        raise RuntimeError("disk trouble")

    with monkeypatch.context() as patch:
        patch.setattr(processing, "document_pages_replace", failing)
        document = ingest(user=manager, review=draft_review, path=scan)
    assert document.status == DocumentStatus.FAILED
    assert not document.ocr_copy and _stored_ocr_files(media_root) == []

    with django_capture_on_commit_callbacks(execute=True):
        processing.document_reprocess(document=document)
    document.refresh_from_db()
    first = document.ocr_copy.name
    assert document.status == DocumentStatus.READY and _stored_ocr_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        processing.document_reprocess(document=document)
    document.refresh_from_db()
    assert document.ocr_copy.name != first
    assert [p.name for p in _stored_ocr_files(media_root)] == [Path(document.ocr_copy.name).name]
