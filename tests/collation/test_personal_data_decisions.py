"""collation/services/personal_data.py and redaction.py: decisions on flags, selections,
undo, the public copy they make, and deleting an original."""

import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collation.choices import FlagSource, FlagStatus, RedactionStatus
from collation.models import PersonalDataFlag, RedactionJob
from collation.selectors.publication import public_copy_is_current
from collation.services.personal_data import (
    document_original_delete,
    flag_decide,
    flag_undo,
    flags_decide_same,
    redaction_select,
)
from collation.services.reviews import review_publish
from tests.collation.conftest import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def _open(document):
    return document.personal_data_flags.filter(status=FlagStatus.OPEN)


def _public_text(document, tmp_path) -> str:
    document.refresh_from_db()
    path = tmp_path / "public.pdf"
    path.write_bytes(document.public_copy.read())
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_decision_needs_a_choice_a_reason_to_keep_and_the_right_board(
    document, manager, other_manager
):
    flag = _open(document).first()
    with pytest.raises(ValidationError, match="Choose whether"):
        flag_decide(user=manager, flag=flag, decision="maybe")
    with pytest.raises(ValidationError, match="Enter why"):
        flag_decide(user=manager, flag=flag, decision=FlagStatus.NOT_PERSONAL, reason=" ")
    with pytest.raises(PermissionDenied):
        flag_decide(user=other_manager, flag=flag, decision=FlagStatus.REDACT)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    flag_decide(user=manager, flag=flag, decision=FlagStatus.REDACT)
    with pytest.raises(ValidationError, match="already been decided"):
        flag_decide(user=manager, flag=flag, decision=FlagStatus.NOT_PERSONAL, reason="x")


def test_redacting_every_occurrence_includes_pages_where_the_text_stands_unflagged(
    document, manager
):
    flag = _open(document).filter(kind="name").first()
    pages_with_text = set(
        document.pages.filter(text__contains=flag.text).values_list("number", flat=True)
    )
    unflagged = pages_with_text - set(
        document.personal_data_flags.filter(text=flag.text).values_list("page", flat=True)
    )
    decided = flags_decide_same(user=manager, flag=flag, decision=FlagStatus.REDACT)
    redacted = document.personal_data_flags.filter(text=flag.text, status=FlagStatus.REDACT)
    assert decided == redacted.count() >= 1
    assert set(redacted.values_list("page", flat=True)) >= pages_with_text
    assert unflagged <= set(redacted.values_list("page", flat=True))


def test_undo_reopens_a_flag_removes_a_selection_and_stops_at_publication(
    document, manager, draft_review, check_all
):
    flag = _open(document).first()
    flag_decide(user=manager, flag=flag, decision=FlagStatus.REDACT)
    assert flag_undo(user=manager, flag=flag).status == FlagStatus.OPEN
    selected = redaction_select(user=manager, document=document, page=7, text="Kiln Way")
    assert selected.source == FlagSource.SELECTED and selected.status == FlagStatus.REDACT
    assert flag_undo(user=manager, flag=selected) is None
    assert not PersonalDataFlag.objects.filter(pk=selected.pk).exists()
    with pytest.raises(ValidationError, match="no decision"):
        flag_undo(user=manager, flag=flag)
    check_all(user=manager, review=draft_review, decision=FlagStatus.REDACT)
    review_publish(user=manager, review=draft_review)
    with pytest.raises(ValidationError, match="once the review is published"):
        flag_undo(user=manager, flag=flag)


@pytest.mark.parametrize(
    ("page", "text", "message"),
    [
        (7, " ", "Select or enter"),
        (7, "Not on this page at all", "is not on page 7"),
        (99, "Kiln Way", "no page 99"),
        (7, "x" * 501, "at most 500"),
    ],
)
def test_a_selection_must_be_text_on_that_page(document, manager, page, text, message):
    with pytest.raises(ValidationError, match=message):
        redaction_select(user=manager, document=document, page=page, text=text)
    assert not document.personal_data_flags.filter(source=FlagSource.SELECTED).exists()


def test_a_selection_matches_whatever_the_line_breaks(document, manager):
    page = document.pages.get(number=7)
    words = page.text.split()[5:9]
    selected = redaction_select(user=manager, document=document, page=7, text="\n".join(words))
    assert selected.text == " ".join(words)


def test_the_public_copy_carries_out_every_decision_and_nothing_else(
    document, manager, draft_review, check_all, tmp_path, django_capture_on_commit_callbacks
):
    names = list(_open(document).filter(kind="name").values_list("text", flat=True)[:2])
    with django_capture_on_commit_callbacks(execute=True):
        for flag in _open(document).filter(text__in=names):
            flag_decide(user=manager, flag=flag, decision=FlagStatus.REDACT)
        redaction_select(user=manager, document=document, page=7, text="Kiln Way")
    assert not public_copy_is_current(document)  # others still to check: no copy yet
    check_all(user=manager, review=draft_review)
    document.refresh_from_db()
    assert public_copy_is_current(document)
    job = RedactionJob.objects.get(document=document)
    assert job.status == RedactionStatus.DONE and job.progress_current == job.progress_total
    text = _public_text(document, tmp_path)
    for name in [*names, "Kiln Way"]:
        assert " ".join(name.split()) not in " ".join(text.split())
    # The stored text (which search indexes) comes from the public copy.
    stored = " ".join(document.pages.values_list("text", flat=True))
    assert "Kiln Way" not in stored and "Kiln" not in document.pages.get(number=7).text
    # The original is kept whole, privately.
    assert b"%PDF" in document.file.read(8)


def test_deleting_the_original_waits_for_the_public_copy_and_is_for_administrators(
    document, manager, administrator, draft_review, check_all, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError, match="wait for the public copy"):
        document_original_delete(user=administrator, document=document)
    check_all(user=manager, review=draft_review)
    with pytest.raises(PermissionDenied):
        document_original_delete(user=manager, document=document)
    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = document_original_delete(user=administrator, document=document)
    assert not deleted.has_original and deleted.public_copy
    assert not path.exists()
    flag = document.personal_data_flags.first()
    with pytest.raises(ValidationError, match="original of this document has been deleted"):
        flag_undo(user=manager, flag=flag)
    with pytest.raises(ValidationError, match="already been deleted"):
        document_original_delete(user=administrator, document=deleted)
