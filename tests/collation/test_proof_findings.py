"""Regression tests for what the whole-service proof (tests/proof) found in collation.

The abuse category filter crashed; read-only pages answered a POST; the public
was refused with 403 rather than sent to sign in on a published review's
management pages; an administrator by role could not correct an analyst's
coding; a PDF uploaded under another extension was offered under that name.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from collation.models import AbuseCategory, Coding, DocumentPage, PersonalDataFlag, PracticeIssue
from collation.views.documents import _pdf_filename
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

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


# --- The abuse category filter ------------------------------------------------


@pytest.fixture
def physical_and_other(board):
    physical = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child X")
    physical.abuse_categories.set(AbuseCategory.objects.filter(code__in=["physical", "neglect"]))
    other = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child Y")
    other.abuse_categories.set(AbuseCategory.objects.filter(code="sexual"))
    return physical, other


def test_the_repository_page_filters_by_abuse_category(client, physical_and_other):
    physical, other = physical_and_other
    response = client.get(reverse("collation:review-list"), {"abuse_category": "physical"})
    assert response.status_code == 200
    page = response.content.decode()
    assert physical.title in page
    assert other.title not in page


def test_choosing_several_categories_finds_a_review_once(client, physical_and_other):
    physical, other = physical_and_other
    response = APIClient().get(
        "/api/collation/reviews/", {"abuse_category": ["physical", "neglect", "sexual"]}
    )
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(
        [physical.pk, other.pk]
    )


def test_the_reviews_api_filters_by_abuse_category(physical_and_other):
    physical, _ = physical_and_other
    response = APIClient().get("/api/collation/reviews/", {"abuse_category": "physical"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [physical.pk]


def test_an_unknown_abuse_category_is_a_clear_400_in_the_api(physical_and_other):
    response = APIClient().get("/api/collation/reviews/", {"abuse_category": "cruelty"})
    assert response.status_code == 400
    assert "abuse_category" in response.json()


# --- Read-only pages answer only GET and HEAD -----------------------------------


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


# --- The public is sent to sign in; a draft stays hidden -------------------------


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


# --- Administrators (by role) correct an analyst's coding ---------------------------


@pytest.fixture
def coding(draft, analyst):
    issue = PracticeIssue.objects.order_by("code").first()
    return Coding.objects.create(
        document=_document(draft), page=1, excerpt="did not share", issue=issue, coder=analyst
    )


def test_an_administrator_by_role_corrects_an_analysts_coding(client, administrator, coding):
    assert not administrator.is_superuser
    url = reverse("collation:coding-edit", args=[coding.pk])
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"excerpt": "did not share the concern", "issue": coding.issue.pk, "note": "Wider"}
    )
    assert response.status_code == 302
    coding.refresh_from_db()
    assert (coding.excerpt, coding.note) == ("did not share the concern", "Wider")
    assert coding.coder.username == "analyst", "the coding stays the analyst's"


def test_another_analyst_still_cannot_change_it(client, coding):
    client.force_login(UserFactory(username="analyst-2", roles=["analyst"]))
    assert client.get(reverse("collation:coding-edit", args=[coding.pk])).status_code == 403


# --- A PDF is only ever offered as a .pdf ---------------------------------------------


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
