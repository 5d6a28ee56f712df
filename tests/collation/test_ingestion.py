"""Every file is checked before anything is stored; a refused file leaves nothing behind."""

import errno
import io
import json
import os
from pathlib import Path

import pytest

from collation.choices import DocumentStatus, JobStatus
from collation.models import DocumentPage, ProcessingJob, ReviewDocument
from collation.services import ingestion
from collation.services.ingestion import DocumentRejected, document_ingest
from tests.collation.conftest import BAD, VALID, ingest_valid
from tests.factories import BoardFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

BAD_TRUTH = json.loads((BAD / "bad.truth.json").read_text())["files"]
HOSTILE = [entry for entry in BAD_TRUTH if entry["file"] != "duplicate_of_valid_report.pdf"]


def stored_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return [Path(root) / name for root, _, names in os.walk(media_root) for name in names]


def outcome_of(document: ReviewDocument) -> str:
    codes = [w["code"] for w in document.warnings if w["code"] != "page_count_mismatch"]
    return f"accept_with_warning:{codes[0]}" if codes else "accept"


@pytest.mark.parametrize("entry", HOSTILE, ids=[entry["file"] for entry in HOSTILE])
def test_each_hostile_sample_gets_its_expected_outcome(
    entry, manager, draft_review, ingest, media_root
):
    allowed = {entry["expected"], *entry["acceptable"]}
    try:
        document = ingest(user=manager, review=draft_review, path=BAD / entry["file"])
    except DocumentRejected as rejection:
        assert f"reject:{rejection.code}" in allowed, rejection.message
        assert len(rejection.message) > 30  # a sentence, not a code
        assert not ReviewDocument.objects.exists()
        assert not ProcessingJob.objects.exists()
        assert stored_files(media_root) == []  # not even the temporary copy
        return
    if outcome_of(document) == "accept_with_warning:ocr_pages":
        # The truth predates OCR: where Tesseract is installed a scan is read, not "no text".
        assert "accept_with_warning:no_text_layer" in allowed and document.ocr_pages
    else:
        assert outcome_of(document) in allowed, document.warnings
    assert document.job.status == JobStatus.DONE
    # A stored document is complete: one row per page, never more or fewer.
    assert DocumentPage.objects.filter(document=document).count() == document.page_count
    if "must_contain" in entry:
        # Lines wrap where the PDF wrapped them: compare with whitespace collapsed.
        text = " ".join(" ".join(document.pages.values_list("text", flat=True)).split())
        for expected in entry["must_contain"]:
            assert expected in text


def test_a_scanned_pdf_is_stored_but_reported_as_having_no_text_without_ocr(
    manager, draft_review, ingest, monkeypatch
):
    from collation.services import ocr

    monkeypatch.setattr(ocr, "ocr_unavailable", lambda: "OCR is not available on this server.")
    document = ingest(user=manager, review=draft_review, path=BAD / "image_only_scanned.pdf")
    assert document.status == DocumentStatus.NO_TEXT
    assert document.job.message == "Scanned – no text"
    assert any("Scanned – no text" in w["message"] for w in document.warnings)


def test_a_duplicate_is_refused_and_says_where_the_original_is(manager, draft_review, ingest):
    ingest(user=manager, review=draft_review, path=BAD / "valid_report.pdf")
    with pytest.raises(DocumentRejected) as error:
        ingest(user=manager, review=draft_review, path=BAD / "duplicate_of_valid_report.pdf")
    assert error.value.code == "duplicate"
    assert "NS-01" in error.value.message and draft_review.board.name in error.value.message
    assert ReviewDocument.objects.count() == 1


def test_a_duplicate_of_another_boards_draft_does_not_reveal_it(manager, draft_review, ingest):
    other_board = BoardFactory(name="Elsewhere Board")
    other_manager = UserFactory(roles=["lscb_manager"], board=other_board)
    other_review = ReviewFactory(board=other_board, reference="SECRET-9", title="Hidden draft")
    ingest(user=other_manager, review=other_review, path=BAD / "valid_report.pdf")
    with pytest.raises(DocumentRejected) as error:
        ingest(user=manager, review=draft_review, path=BAD / "duplicate_of_valid_report.pdf")
    assert "SECRET-9" not in error.value.message and "Hidden draft" not in error.value.message
    assert "a review you cannot see" in error.value.message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read_whole(
    manager, draft_review, settings, media_root
):
    settings.UPLOAD_MAX_BYTES = 10_000
    with pytest.raises(DocumentRejected) as error:
        document_ingest(
            user=manager,
            review=draft_review,
            stream=(BAD / "valid_report.pdf").open("rb"),
            filename="big.pdf",
            kind="overview_report",
        )
    assert error.value.code == "too_large"
    assert stored_files(media_root) == []


def test_a_file_over_the_page_limit_is_refused(manager, draft_review, settings, ingest):
    settings.UPLOAD_MAX_PAGES = 10
    with pytest.raises(DocumentRejected) as error:
        ingest(user=manager, review=draft_review, path=BAD / "valid_report.pdf")
    assert error.value.code == "too_many_pages"
    assert "10" in error.value.message


def test_the_name_of_the_file_is_never_trusted(manager, draft_review, ingest):
    document = ingest(
        user=manager,
        review=draft_review,
        path=BAD / "valid_report.pdf",
        filename="../../etc/passwd.pdf",
    )
    assert document.original_filename == "passwd.pdf"
    assert document.file.name.startswith(f"reviews/{draft_review.pk}/")
    assert ".." not in document.file.name


def test_only_the_reviews_managers_may_upload(other_manager, analyst, draft_review):
    for user in (other_manager, analyst):
        with pytest.raises(Exception) as error:
            document_ingest(
                user=user,
                review=draft_review,
                stream=io.BytesIO(b"%PDF-1.4"),
                filename="x.pdf",
                kind="overview_report",
            )
        assert error.type.__name__ == "PermissionDenied"
    assert not ReviewDocument.objects.exists()


def test_an_unknown_kind_is_refused(manager, draft_review):
    with pytest.raises(DocumentRejected) as error:
        document_ingest(
            user=manager,
            review=draft_review,
            stream=(BAD / "valid_report.pdf").open("rb"),
            filename="x.pdf",
            kind="poem",
        )
    assert error.value.code == "invalid_kind"


def test_a_database_failure_while_storing_leaves_no_file(
    manager, draft_review, media_root, monkeypatch
):
    from collation.models import ProcessingJob as Job

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Job.objects, "create", explode)
    with pytest.raises(RuntimeError):
        document_ingest(
            user=manager,
            review=draft_review,
            stream=(BAD / "valid_report.pdf").open("rb"),
            filename="x.pdf",
            kind="overview_report",
        )
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


class _FillsUp:
    """A temporary file whose disk fills after ``room`` bytes."""

    def __init__(self, real, room: int):
        self._real, self._room = real, room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        self._real.__enter__()
        return self

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)


def test_a_full_disk_while_receiving_is_refused_clearly_and_leaves_nothing(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    real = ingestion.tempfile.NamedTemporaryFile
    monkeypatch.setattr(
        ingestion.tempfile,
        "NamedTemporaryFile",
        lambda **kwargs: _FillsUp(real(**kwargs), room=10_000),
    )
    with pytest.raises(DocumentRejected) as refusal:
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert refusal.value.code == "storage_full"
    assert "run out of storage space" in refusal.value.message
    assert not ReviewDocument.objects.exists() and not ProcessingJob.objects.exists()
    assert stored_files(media_root) == []


def test_a_full_disk_while_storing_leaves_no_half_written_copy(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def half_then_full(source, target, **kwargs):
        # What a copy does when the disk fills part-way: half a file, then ENOSPC.
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", half_then_full)
    with pytest.raises(DocumentRejected) as refusal:
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert refusal.value.code == "storage_full"
    assert not ReviewDocument.objects.exists() and not ProcessingJob.objects.exists()
    assert stored_files(media_root) == []


def test_the_checked_file_is_moved_into_storage_not_copied(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    """A move needs no second copy's space (and cannot leave half of one)."""
    moved = []
    real_rename = os.rename

    def rename(source, target):
        moved.append((Path(source).parent.name, Path(target).suffix))
        return real_rename(source, target)

    monkeypatch.setattr("django.core.files.move.os.rename", rename)
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    assert moved == [("incoming", ".pdf")]
    assert Path(document.file.path).read_bytes() == VALID.read_bytes()
    assert stored_files(media_root) == [Path(document.file.path)]


def test_another_os_error_is_not_mistaken_for_a_full_disk(
    manager, draft_review, media_root, monkeypatch, django_capture_on_commit_callbacks
):
    def denied(source, target, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("django.core.files.storage.filesystem.file_move_safe", denied)
    with pytest.raises(PermissionError):
        ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []
