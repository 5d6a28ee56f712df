"""The repository pages (views/reviews.py, views/documents.py): who may ask what of them, uploads
when the queue or the disk fails, and how a document is offered for download."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collation.models import (
    DocumentPage,
    PersonalDataFlag,
    ReviewDocument,
)
from collation.views.documents import _pdf_filename
from tests.collation.conftest import VALID
from tests.factories import DocumentFactory, ReviewFactory

pytestmark = pytest.mark.django_db


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


TEXT = "The health visitor did not share the concern about neglect."


@pytest.fixture
def published(board):
    return ReviewFactory(board=board, publish=True, title="Serious Case Review: Child P")


@pytest.fixture
def draft(board, reviewer):
    return ReviewFactory(board=board, title="Serious Case Review: Child D", lead_reviewer=reviewer)


def _document(review, name="child-p.pdf"):
    document = DocumentFactory(review=review, original_filename=name)
    document.file.save("stored.pdf", ContentFile(PDF), save=True)
    document.public_copy.save("public.pdf", ContentFile(PDF), save=True)
    DocumentPage.objects.create(document=document, number=1, text=TEXT)
    return document


def test_read_only_pages_refuse_a_post_with_405(client, analyst, published):
    document = _document(published)
    urls = [
        reverse("collation:review-list"),
        reverse("collation:review-detail", args=[published.pk]),
        reverse("collation:document-progress", args=[published.pk, document.pk]),
        reverse("collation:document-file", args=[published.pk, document.pk]),
        reverse("collation:document-page", args=[published.pk, document.pk, 1]),
        reverse("collation:search") + "?q=neglect",
        reverse("collation:briefing-list"),
        reverse("collation:recommendation-analysis"),
    ]
    client.force_login(analyst)
    for url in urls:
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code == 200, url
        assert client.get(url).status_code == 200, url


def _management_pages(review, document, flag):
    return [
        reverse("collation:review-edit", args=[review.pk]),
        reverse("collation:document-upload", args=[review.pk]),
        reverse("collation:review-publish", args=[review.pk]),
        reverse("collation:personal-data-flag", args=[review.pk, flag.pk]),
        reverse("collation:document-replace", args=[review.pk, document.pk]),
    ]


def _flag(document):
    return PersonalDataFlag.objects.create(
        document=document, page=1, kind="name", text="Jane Doe", context="mother Jane Doe said"
    )


def test_the_public_is_sent_to_sign_in_on_a_published_reviews_management_pages(client, published):
    document = _document(published)
    for url in _management_pages(published, document, _flag(document)):
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_a_drafts_management_pages_stay_hidden_from_the_public(client, draft):
    document = _document(draft)
    for url in _management_pages(draft, document, _flag(document)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_signed_in_users_who_cannot_manage_still_get_403(client, published, other_manager):
    document = _document(published)
    client.force_login(other_manager)
    for url in _management_pages(published, document, _flag(document)):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    ("uploaded", "offered"),
    [
        ("report.html", "report.pdf"),
        ("Overview Report.PDF", "Overview Report.PDF"),
        ("child-p.pdf", "child-p.pdf"),
        ("scan", "scan.pdf"),
        ("attachment.pdf", "attachment.pdf"),
        (".html", "document.pdf"),
        ("report.final.docx", "report.final.pdf"),
    ],
)
def test_the_download_name_always_ends_in_pdf(uploaded, offered):
    assert _pdf_filename(uploaded) == offered


def test_a_pdf_uploaded_as_html_is_offered_as_a_pdf(client, published):
    document = _document(published, name="report.html")
    response = client.get(reverse("collation:document-file", args=[published.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_a_name_that_contains_attachment_is_kept(client, published):
    document = _document(published, name="attachment-2.pdf")
    response = client.get(reverse("collation:document-file", args=[published.pk, document.pk]))
    assert response["Content-Disposition"] == 'inline; filename="attachment-2.pdf"'


def test_the_upload_page_with_the_queue_down_accepts_the_file(
    client, manager, draft_review, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collation:document-upload", args=[draft_review.pk]),
            {
                "kind": "overview_report",
                "files": [SimpleUploadedFile(VALID.name, VALID.read_bytes(), "application/pdf")],
            },
        )
    assert response.status_code == 302
    document = ReviewDocument.objects.get()
    page = client.get(reverse("collation:document-progress", args=[draft_review.pk, document.pk]))
    assert "Waiting for the processing queue" in page.content.decode()


def test_the_upload_page_shows_the_full_disk_in_its_error_summary(
    client, manager, draft_review, disk_full
):
    client.force_login(manager)
    response = client.post(
        reverse("collation:document-upload", args=[draft_review.pk]),
        {
            "kind": "overview_report",
            "files": [SimpleUploadedFile(VALID.name, VALID.read_bytes(), "application/pdf")],
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in content
    assert "run out of storage space" in content
    assert not ReviewDocument.objects.exists()
