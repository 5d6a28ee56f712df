"""The repository pages: forms with GOV.UK errors, the upload and publication journey."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collation.choices import FlagStatus, ReviewStatus
from collation.models import AbuseCategory, Review, ReviewDocument
from tests.collation.conftest import BAD, REPORTS
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def pdf(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="application/pdf")


@pytest.fixture
def processed(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def test_the_public_list_shows_published_reviews_with_a_count(client, board):
    from tests.factories import ReviewFactory

    ReviewFactory(board=board, title="Published one", publish=True)
    ReviewFactory(board=board, title="Hidden draft")
    response = client.get(reverse("collation:review-list"))
    content = response.content.decode()
    assert "Published one" in content and "Hidden draft" not in content
    assert "1 review" in content


def test_filters_narrow_the_list_and_bad_values_say_so(client, board):
    from tests.factories import ReviewFactory

    ReviewFactory(board=board, title="A death", incident="death", publish=True)
    ReviewFactory(board=board, title="A harm", incident="serious_harm", publish=True)
    content = client.get(reverse("collation:review-list"), {"incident": "death"}).content.decode()
    assert "A death" in content and "A harm" not in content
    bad = client.get(reverse("collation:review-list"), {"incident": "flood"}).content.decode()
    assert "There is a problem with the filters" in bad
    assert "Select a valid choice" in bad


def test_the_csv_export_follows_the_filters(client, board):
    from tests.factories import ReviewFactory

    ReviewFactory(board=board, title="A death", incident="death", publish=True)
    ReviewFactory(board=board, title="A harm", incident="serious_harm", publish=True)
    response = client.get(reverse("collation:review-export"), {"incident": "serious_harm"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("id,board,region,reference,title")
    assert len(lines) == 2 and "A harm" in lines[1]


def test_a_manager_registers_a_review_and_lands_on_its_page(client, manager, board):
    client.force_login(manager)
    response = client.post(
        reverse("collation:review-create"),
        {
            "reference": "NS-09",
            "title": "Child V",
            "incident": "death",
            "child_age_band": "1_5",
            "child_sex": "female",
            "abuse_categories": [AbuseCategory.objects.order_by("pk").first().pk],
        },
    )
    review = Review.objects.get(reference="NS-09")
    assert response.url == review.get_absolute_url()
    assert review.board == board and review.created_by == manager


def test_registering_with_missing_answers_shows_each_error(client, manager):
    client.force_login(manager)
    response = client.post(reverse("collation:review-create"), {"reference": ""})
    content = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in content
    for message in (
        "Enter the board&#x27;s reference",
        "Enter the review&#x27;s title",
        "Select whether the child died",
        "Select the child&#x27;s age",
    ):
        assert message in content
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["analyst", "reviewer", "alliance_member"])
def test_other_roles_cannot_register_reviews(who, request, client):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("collation:review-create")).status_code == 403


def test_the_public_is_asked_to_sign_in_to_register(client, db):
    response = client.get(reverse("collation:review-create"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_upload_page_accepts_several_files_and_reports_each_refusal(
    client, manager, draft_review, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collation:document-upload", args=[draft_review.pk]),
            {
                "kind": "overview_report",
                "files": [pdf(BAD / "valid_report.pdf"), pdf(BAD / "plain_text_renamed.pdf")],
            },
        )
    content = response.content.decode()
    assert response.status_code == 400
    assert "plain_text_renamed.pdf: " in content
    assert "Uploaded valid_report.pdf" in content
    assert ReviewDocument.objects.count() == 1


def test_after_an_upload_the_page_never_says_processing_started_beside_done(
    client, manager, draft_review, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collation:document-upload", args=[draft_review.pk]),
            {"kind": "overview_report", "files": [pdf(BAD / "valid_report.pdf")]},
        )
    # Processed, as a quick worker does, before the page after the upload shows.
    content = client.get(response["Location"]).content.decode()
    assert "Uploaded valid_report.pdf. Each document&#x27;s status is shown below." in content
    assert ">Done<" in content
    assert "Processing has started" not in content


def test_upload_without_a_file_or_kind_says_what_is_missing(client, manager, draft_review):
    client.force_login(manager)
    response = client.post(reverse("collation:document-upload", args=[draft_review.pk]), {})
    content = response.content.decode()
    assert "Select what kind of document this is" in content
    assert "Select at least one PDF file" in content


def test_progress_partial_asks_htmx_to_reload_when_the_job_finishes(client, manager, processed):
    client.force_login(manager)
    url = reverse("collation:document-progress", args=[processed.review_id, processed.pk])
    partial = client.get(url + "?watching=1", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"
    assert "Done" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    page = client.get(url)
    assert "<html" in page.content.decode()


def test_the_pdf_is_served_inline_and_not_cached_while_draft(client, manager, processed):
    client.force_login(manager)
    response = client.get(processed.get_file_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_page_of_text_links_to_its_neighbours(client, manager, processed):
    client.force_login(manager)
    response = client.get(
        reverse("collation:document-page", args=[processed.review_id, processed.pk, 7])
    )
    content = response.content.decode()
    assert "Page 7 of 18" in content and "Kiln Way" in content
    assert "Page 6" in content and "Page 8" in content
    missing = client.get(
        reverse("collation:document-page", args=[processed.review_id, processed.pk, 99])
    )
    assert missing.status_code == 404


def test_keeping_a_flag_needs_a_reason_then_records_it(client, manager, processed):
    client.force_login(manager)
    flag = processed.personal_data_flags.first()
    url = reverse("collation:personal-data-flag", args=[processed.review_id, flag.pk])
    refused = client.post(url, {"decision": "not_personal", "reason": ""})
    assert refused.status_code == 400
    assert "Select why it is not personal data" in refused.content.decode()
    response = client.post(url, {"decision": "not_personal", "reason": "professional"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.NOT_PERSONAL and flag.resolved_by == manager
    assert flag.reason == "A professional named in their working role"


def test_another_board_cannot_clear_flags(client, other_manager, processed):
    client.force_login(other_manager)
    flag = processed.personal_data_flags.first()
    response = client.post(
        reverse("collation:personal-data-flag", args=[processed.review_id, flag.pk]),
        {"decision": "redact"},
    )
    assert response.status_code == 404
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_the_publish_page_lists_what_blocks_publication(client, manager, processed, check_all):
    client.force_login(manager)
    url = reverse("collation:review-publish", args=[processed.review_id])
    content = client.get(url).content.decode()
    assert "possible personal data" in content
    assert client.post(url).status_code == 400
    check_all(user=manager, review=processed.review)
    response = client.post(url)
    assert response.status_code == 302
    assert Review.objects.get().status == ReviewStatus.PUBLISHED


def test_search_page_shows_ranked_snippets_and_page_links(client, manager, processed, check_all):
    check_all(user=manager, review=processed.review)
    client.force_login(manager)
    client.post(reverse("collation:review-publish", args=[processed.review_id]))
    client.logout()
    content = client.get(reverse("collation:search"), {"q": '"Kiln Way"'}).content.decode()
    assert "1 page found" in content
    assert "<mark>Kiln</mark> <mark>Way</mark>" in content
    assert f"{processed.get_file_url()}#page=7" in content


def test_snippets_are_escaped(client, board):
    from django.contrib.postgres.search import SearchVector

    from collation.models import DocumentPage
    from tests.factories import ReviewFactory

    review = ReviewFactory(board=board, publish=True)
    document = DocumentFactory(review=review, page_count=1)
    DocumentPage.objects.create(
        document=document, number=1, text="<script>alert(1)</script> Tom & Jerry: x < y, neglect"
    )
    DocumentPage.objects.filter(document=document).update(
        search_vector=SearchVector("text", config="english")
    )
    content = client.get(reverse("collation:search"), {"q": "neglect"}).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "x &lt; y, <mark>neglect</mark>" in content


def test_the_sqlite_stand_in_finds_a_phrase_and_marks_it(board):
    """The embedded default has no full-text search: a contains-match stands in."""
    from collation.models import DocumentPage, Review
    from collation.selectors.search import _contains_search, searchable_pages
    from tests.factories import ReviewFactory

    review = ReviewFactory(board=board, publish=True)
    document = DocumentFactory(review=review, page_count=2)
    DocumentPage.objects.create(document=document, number=1, text="Nothing here.")
    DocumentPage.objects.create(document=document, number=2, text="The <b>Health Visitor</b> came.")
    results = _contains_search(
        query='"health visitor"', pages=searchable_pages(Review.objects.all()), offset=0, limit=20
    )
    assert results.total == 1
    [hit] = results.hits
    assert hit.page == 2
    assert hit.snippet == "The &lt;b&gt;<mark>Health Visitor</mark>&lt;/b&gt; came."


def test_a_very_broad_query_says_more_than_the_cap(client, board, monkeypatch):
    from django.contrib.postgres.search import SearchVector

    from collation.models import DocumentPage
    from collation.selectors import search
    from tests.factories import ReviewFactory

    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 3)
    review = ReviewFactory(board=board, publish=True)
    document = DocumentFactory(review=review, page_count=5)
    for number in range(1, 6):
        DocumentPage.objects.create(document=document, number=number, text=f"neglect {number}")
    DocumentPage.objects.update(search_vector=SearchVector("text", config="english"))
    content = client.get(reverse("collation:search"), {"q": "neglect"}).content.decode()
    assert "More than 3 pages found" in content
    api = client.get("/api/collation/search/", {"q": "neglect"}).json()
    assert api["count"] == 3 and api["count_is_capped"] is True
    assert len(api["results"]) == 3
