"""Reviews, processing and the publication gate."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collation.choices import DocumentStatus, FlagStatus, JobStatus, ReviewStatus
from collation.models import DocumentPage, ProcessingJob, Recommendation
from collation.selectors.publication import review_publication_blockers
from collation.services import ocr
from collation.services.ingestion import document_replace
from collation.services.personal_data import flag_decide
from collation.services.processing import document_process, document_reprocess, jobs_requeue_stuck
from collation.services.reviews import (
    review_create,
    review_publish,
    review_update,
    review_withdraw,
)
from tests.collation.conftest import BAD, REPORTS, sample_truth

pytestmark = pytest.mark.django_db


@pytest.fixture
def processed(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def test_processing_stores_every_page_recommendation_and_flag(processed):
    truth = sample_truth("scr_s1_001")
    assert processed.status == DocumentStatus.READY
    assert processed.job.status == JobStatus.DONE
    assert processed.job.progress_current == processed.job.progress_total == truth["page_count"]
    assert processed.pages.count() == truth["page_count"]
    assert list(processed.pages.values_list("number", flat=True)) == list(
        range(1, truth["page_count"] + 1)
    )
    assert processed.recommendations.count() == truth["recommendation_count"]
    assert processed.personal_data_flags.filter(status=FlagStatus.OPEN).count() > 0
    assert processed.flesch_reading_ease is not None


def test_recommendations_are_mapped_to_rr157_agencies(processed):
    first = processed.recommendations.get(position=1)
    assert first.agency is not None
    assert first.agency.name == sample_truth("scr_s1_001")["recommendations"][0]["agency"]


def test_a_rerun_replaces_pages_and_keeps_resolved_flags(processed, manager):
    flag = processed.personal_data_flags.first()
    flag_decide(
        user=manager,
        flag=flag,
        decision=FlagStatus.NOT_PERSONAL,
        reason="Checked: a professional's name",
    )
    pages_before = processed.pages.count()
    document_reprocess(document=processed)
    document_process(document_id=processed.pk)
    processed.refresh_from_db()
    assert processed.pages.count() == pages_before
    assert DocumentPage.objects.filter(document=processed).count() == pages_before
    kept = processed.personal_data_flags.get(page=flag.page, kind=flag.kind, text=flag.text)
    assert kept.status == FlagStatus.NOT_PERSONAL
    assert kept.reason == "Checked: a professional's name"
    assert processed.job.attempts == 2


def test_a_redelivered_task_for_a_finished_job_does_nothing(
    processed, django_assert_max_num_queries
):
    recommendations = list(Recommendation.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(5):
        document_process(document_id=processed.pk)
    assert list(Recommendation.objects.values_list("pk", flat=True)) == recommendations


def test_a_failure_is_recorded_on_the_job_with_a_message(processed, monkeypatch):
    import collation.services.processing as processing

    document_reprocess(document=processed)

    def broken(path):
        raise ValueError("unreadable stream")
        yield  # pragma: no cover

    monkeypatch.setattr(processing, "extract_pages", broken)
    document_process(document_id=processed.pk)
    processed.refresh_from_db()
    assert processed.job.status == JobStatus.FAILED
    assert "could not be read" in processed.job.message
    assert "unreadable stream" in processed.job.error
    assert processed.status == DocumentStatus.FAILED


def test_stuck_jobs_are_requeued_and_fresh_ones_left_alone(
    processed, django_capture_on_commit_callbacks
):
    job = processed.job
    ProcessingJob.objects.filter(pk=job.pk).update(
        status=JobStatus.EXTRACTING, updated_at=timezone.now() - timedelta(minutes=30)
    )
    assert jobs_requeue_stuck(older_than=timedelta(hours=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_requeue_stuck(older_than=timedelta(minutes=10)) == [processed.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE  # the re-queued task ran (eagerly) to the end
    assert job.attempts == 2


# --- The publication gate -------------------------------------------------------


def test_a_review_without_documents_cannot_be_published(manager, draft_review):
    assert review_publication_blockers(review=draft_review) == [
        "Upload at least one document, such as the overview report."
    ]
    with pytest.raises(ValidationError):
        review_publish(user=manager, review=draft_review)


def test_open_personal_data_flags_block_publication_until_cleared(
    manager, draft_review, processed, check_all
):
    blockers = review_publication_blockers(review=draft_review)
    assert len(blockers) == 1 and "possible personal data" in blockers[0]
    with pytest.raises(ValidationError):
        review_publish(user=manager, review=draft_review)
    draft_review.refresh_from_db()
    assert draft_review.status == ReviewStatus.DRAFT
    check_all(user=manager, review=draft_review)
    review = review_publish(user=manager, review=draft_review)
    assert review.status == ReviewStatus.PUBLISHED
    assert review.published_by == manager and review.published_at is not None


def test_replacing_a_document_closes_its_flags_and_the_new_one_must_be_checked(
    manager, draft_review, processed, ingest, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        (BAD / "valid_report.pdf").open("rb") as f,
    ):
        replacement = document_replace(
            user=manager, document=processed, stream=f, filename="corrected.pdf"
        )
    processed.refresh_from_db()
    assert processed.superseded_by == replacement
    assert not processed.personal_data_flags.filter(status=FlagStatus.OPEN).exists()
    assert processed.personal_data_flags.filter(status=FlagStatus.REPLACED).exists()
    # The corrected copy's own flags now decide.
    assert replacement.personal_data_flags.filter(status=FlagStatus.OPEN).exists()
    assert "possible personal data" in review_publication_blockers(review=draft_review)[0]


def test_a_scan_that_no_ocr_could_read_blocks_publication(
    manager, draft_review, ingest, monkeypatch
):
    monkeypatch.setattr(ocr, "ocr_unavailable", lambda: "OCR is not available on this server.")
    ingest(user=manager, review=draft_review, path=BAD / "image_only_scanned.pdf")
    assert "no text layer" in review_publication_blockers(review=draft_review)[0]


def test_a_scan_read_by_ocr_passes_the_same_personal_data_gate(manager, draft_review, ingest):
    document = ingest(user=manager, review=draft_review, path=BAD / "image_only_scanned.pdf")
    assert document.ocr_pages
    assert "possible personal data" in review_publication_blockers(review=draft_review)[0]


def test_clearing_a_flag_needs_a_reason_and_the_right_board(processed, manager, other_manager):
    flag = processed.personal_data_flags.first()
    with pytest.raises(ValidationError):
        flag_decide(user=manager, flag=flag, decision=FlagStatus.NOT_PERSONAL, reason="   ")
    with pytest.raises(PermissionDenied):
        flag_decide(
            user=other_manager, flag=flag, decision=FlagStatus.NOT_PERSONAL, reason="Not ours"
        )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_another_boards_manager_cannot_publish(other_manager, draft_review):
    with pytest.raises(PermissionDenied):
        review_publish(user=other_manager, review=draft_review)


def test_withdrawing_takes_a_published_review_back_with_its_reason(manager, draft_review):
    draft_review.status, draft_review.published_at = ReviewStatus.PUBLISHED, timezone.now()
    draft_review.save()
    with pytest.raises(ValidationError):
        review_withdraw(user=manager, review=draft_review, reason="  ")
    review = review_withdraw(user=manager, review=draft_review, reason="A name was left in")
    assert review.status == ReviewStatus.WITHDRAWN
    assert review.withdrawn_by == manager and review.withdrawal_reason == "A name was left in"
    with pytest.raises(ValidationError):
        review_withdraw(user=manager, review=review, reason="Again")


# --- Registering and correcting -------------------------------------------------


def test_a_manager_registers_reviews_for_their_own_board_only(manager, board, other_board):
    review = review_create(
        user=manager,
        board=board,
        reference="NS-02",
        title="Child T",
        incident="death",
        child_age_band="1_5",
        child_sex="male",
    )
    assert review.status == ReviewStatus.DRAFT and review.created_by == manager
    with pytest.raises(PermissionDenied):
        review_create(
            user=manager,
            board=other_board,
            reference="X",
            title="X",
            incident="death",
            child_age_band="1_5",
            child_sex="male",
        )


def test_references_are_unique_within_a_board(manager, board, draft_review):
    with pytest.raises(ValidationError) as error:
        review_create(
            user=manager,
            board=board,
            reference="ns-01",
            title="Again",
            incident="death",
            child_age_band="1_5",
            child_sex="male",
        )
    assert "already has a review with the reference" in str(error.value)


def test_an_invalid_correction_changes_nothing(manager, draft_review):
    with pytest.raises(ValidationError):
        review_update(user=manager, review=draft_review, incident="a bad day")
    draft_review.refresh_from_db()
    assert draft_review.incident == "death"
