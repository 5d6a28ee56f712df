"""Processing (services/processing.py): running headers, footers and page numbers kept
out of the stored page text (and so of search snippets) with the pages' bodies analysed
and personal data read across page breaks; queueing a document's job, and the sweep that
sends again the jobs that never reached a worker."""

from datetime import timedelta
from pathlib import Path

import pytest

from collation import tasks
from collation.choices import DocumentStatus, JobStatus
from collation.models import DocumentPage, PersonalDataFlag, ProcessingJob
from collation.pdf.extract import ExtractedPage, extract_pages
from collation.services import processing
from collation.services.processing import QUEUE_UNAVAILABLE_MESSAGE, jobs_requeue_stuck
from tests.collation.conftest import BAD, REPORTS, VALID, ingest_valid, sample_truth

pytestmark = pytest.mark.django_db


HEADER = "Serious Case Review: Jayden"
BODIES = [
    "Kirkby is where the family lived until 2012.\nThe review covers two years of contact.",
    "Castleton was the next town the family moved to.\nThe younger sibling was born on",
    "28.02.2001 and lived with the mother.\nRecommendations\n"
    "1. The Board should review how agencies share information about families who move.",
    "Later the school raised concerns about attendance.\nThe practitioners were interviewed.",
]


@pytest.fixture
def synthetic(manager, draft_review, ingest, monkeypatch):
    """A document whose extracted pages have a running header and page numbers."""
    pages = [
        ExtractedPage(n, f"{HEADER}\n{body}\nPage {n} of {len(BODIES)}")
        for n, body in enumerate(BODIES, 1)
    ]
    monkeypatch.setattr(processing, "extract_pages", lambda path: iter(pages))
    return ingest(user=manager, review=draft_review, path=BAD / "valid_report.pdf")


def test_stored_page_text_is_the_body_without_header_or_page_number(synthetic):
    assert synthetic.status == DocumentStatus.READY
    stored = list(DocumentPage.objects.filter(document=synthetic).order_by("number"))
    assert [page.text for page in stored] == BODIES
    assert all(HEADER not in page.text and "Page " not in page.text for page in stored)
    assert stored[0].text.startswith("Kirkby is where the family lived")


def test_the_header_is_not_flagged_and_a_date_split_by_a_page_break_is(synthetic):
    flags = list(PersonalDataFlag.objects.filter(document=synthetic))
    assert [(flag.page, flag.kind, flag.text) for flag in flags] == [
        (3, "date_of_birth", "28.02.2001")
    ]
    assert "was born on 28.02.2001" in flags[0].context


def test_recommendations_and_readability_come_from_the_bodies(synthetic):
    (recommendation,) = synthetic.recommendations.all()
    assert recommendation.page == 3
    assert recommendation.text.startswith("The Board should review")
    assert synthetic.words_per_sentence is not None


def test_a_name_in_a_running_header_is_flagged_on_every_page(
    manager, draft_review, ingest, monkeypatch
):
    pages = [
        ExtractedPage(n, f"Serious Case Review: Jayden Smith\n{body}\n- {n} -")
        for n, body in enumerate(BODIES, 1)
    ]
    monkeypatch.setattr(processing, "extract_pages", lambda path: iter(pages))
    document = ingest(user=manager, review=draft_review, path=BAD / "valid_report.pdf")
    names = PersonalDataFlag.objects.filter(document=document, kind="name")
    assert sorted(names.values_list("page", "text")) == [(n, "Jayden Smith") for n in (1, 2, 3, 4)]
    assert not DocumentPage.objects.filter(document=document, text__contains="Jayden").exists()


@pytest.mark.parametrize(
    "path", [*sorted(REPORTS.glob("*.pdf")), BAD / "valid_report.pdf"], ids=lambda p: p.stem
)
def test_every_sample_keeps_its_recommendations_and_personal_data(
    manager, draft_review, ingest, path
):
    """The samples' running titles and page numbers go, their recommendations
    and personal data stay exactly."""
    truth = sample_truth(path.stem)
    document = ingest(user=manager, review=draft_review, path=path)
    assert document.recommendations.count() == truth["recommendation_count"]
    texts = dict(DocumentPage.objects.filter(document=document).values_list("number", "text"))
    assert len(texts) == truth["page_count"]
    running_title = list(extract_pages(path))[2].text.split("\n", 1)[0]
    assert not any(running_title in text for text in texts.values()), running_title
    flags = set(PersonalDataFlag.objects.filter(document=document).values_list("page", "text"))
    for item in truth["pii"]:
        squashed = "".join(item["text"].split())
        assert any(
            page == item["page"] and squashed in "".join(text.split()) for page, text in flags
        ), item
        assert squashed in "".join(texts[item["page"]].split())


def test_an_upload_with_the_queue_down_is_kept_and_says_it_is_waiting(
    manager, draft_review, broker_down, django_capture_on_commit_callbacks
):
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)

    job = ProcessingJob.objects.get(document=document)
    assert job.status == JobStatus.QUEUE_DOWN
    assert job.message == QUEUE_UNAVAILABLE_MESSAGE
    assert Path(document.file.path).read_bytes() == VALID.read_bytes()


def test_the_sweep_sends_a_never_sent_job_at_once_when_the_queue_is_back(
    manager, draft_review, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    sent = []
    monkeypatch.setattr(tasks.process_document, "delay", sent.append)

    with django_capture_on_commit_callbacks(execute=True):
        # Not ten minutes old, yet taken: it never reached a worker.
        requeued = jobs_requeue_stuck(older_than=timedelta(minutes=10))

    assert requeued == [document.pk]
    assert sent == [document.pk]
    job = ProcessingJob.objects.get(document=document)
    assert (job.status, job.message) == (JobStatus.QUEUED, "Waiting for a worker")


def test_the_sweep_leaves_a_recently_queued_job_that_was_sent(
    manager, draft_review, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(tasks.process_document, "delay", sent.append)
    document = ingest_valid(manager, draft_review, django_capture_on_commit_callbacks)
    assert sent == [document.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_requeue_stuck(older_than=timedelta(minutes=10)) == []
    assert sent == [document.pk]
