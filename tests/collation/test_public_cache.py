"""The public pages served whole from the cache: a change the public could see shows at once.

Inside a test's transaction nothing commits, so every write here runs under
``django_capture_on_commit_callbacks(execute=True)``: the version moves on
exactly when it would on a live site.
"""

from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchVector
from django.urls import reverse

from collation.models import DocumentPage, PracticeIssue, Recommendation
from collation.services.briefings import briefing_publish, briefing_save
from collation.services.coding import coding_create
from collation.services.recommendations import recommendation_code
from collation.services.reviews import review_withdraw
from collation.services.verification import coding_verify
from scr_platform.response_cache import public_version
from tests.factories import DocumentFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures/samples/reports/scr_s1_002.pdf"
TEXT = "The health visitor did not pass on the referral about neglect to the school nurse."
PASSAGE = "did not pass on the referral about neglect"


@pytest.fixture
def published(board):
    review = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child Q")
    document = DocumentFactory(review=review, page_count=1)
    DocumentPage.objects.create(document=document, number=1, text=TEXT)
    DocumentPage.objects.update(search_vector=SearchVector("text", config="english"))
    return review, document


def _pages(review, document) -> dict[str, str]:
    return {
        "search": reverse("collation:search") + "?q=neglect",
        "review list": reverse("collation:review-list"),
        "review": reverse("collation:review-detail", args=[review.pk]),
        "document page": reverse("collation:document-page", args=[review.pk, document.pk, 1]),
    }


def test_each_public_page_is_served_from_the_cache_with_no_query(
    client, published, django_assert_num_queries
):
    review, document = published
    urls = [
        *_pages(review, document).values(),
        reverse("collation:trend-issue", args=["C5"]),
        reverse("collation:briefing-list"),
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, url
        # Served as stored: the inline script is allowed by its hash, not a nonce.
        assert second.content == first.content, url
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"], url


def test_withdrawing_a_review_removes_it_from_every_cached_page_at_once(
    client, published, manager, django_capture_on_commit_callbacks
):
    review, document = published
    pages = _pages(review, document)
    for name, url in pages.items():
        for _ in range(2):  # rendered, then served from the cache
            response = client.get(url)
            assert response.status_code == 200, name
            assert review.title in response.content.decode(), name
    with django_capture_on_commit_callbacks(execute=True):
        review_withdraw(user=manager, review=review, reason="Personal data found")
    assert client.get(pages["review"]).status_code == 404
    assert client.get(pages["document page"]).status_code == 404
    for name in ("search", "review list"):
        response = client.get(pages[name])
        assert response.status_code == 200
        assert review.title not in response.content.decode(), name


def test_signed_in_people_never_get_the_public_cached_page(
    client, published, manager, draft_review
):
    url = reverse("collation:review-list")
    client.get(url)
    client.get(url)  # stored for the public, without the draft
    client.force_login(manager)
    content = client.get(url).content.decode()
    assert draft_review.title in content  # the manager's own board's draft
    assert reverse("collation:review-create") in content
    assert "Sign out" in content


def test_a_new_coding_shows_at_once_on_the_issue_page(
    client, published, analyst, django_capture_on_commit_callbacks
):
    _, document = published
    url = reverse("collation:trend-issue", args=["C5"])
    assert PASSAGE not in client.get(url).content.decode()
    client.get(url)  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        coding = coding_create(
            user=analyst,
            document=document,
            page=1,
            excerpt=PASSAGE,
            issue=PracticeIssue.objects.get(code="C5"),
        )
    assert PASSAGE not in client.get(url).content.decode()  # not until it is verified
    with django_capture_on_commit_callbacks(execute=True):
        coding_verify(user=UserFactory(roles=["analyst"]), coding=coding, agrees=True)
    assert PASSAGE in client.get(url).content.decode()


def test_unknown_parameters_are_rendered_every_time_not_cached(client, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("collation:search") + "?q=neglect&utm_source=newsletter"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) > 0


def test_withdrawing_a_briefing_removes_it_at_once(
    client, published, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        briefing = briefing_save(
            user=analyst,
            title="Referrals that went nowhere",
            period="all",
            summary="Referrals go astray.",
            issues=[PracticeIssue.objects.get(code="C5")],
        )
        briefing_publish(user=analyst, briefing=briefing)
    url = briefing.get_absolute_url()
    assert client.get(reverse("collation:briefing-list")).content.decode().count(briefing.title)
    assert client.get(url).status_code == 200
    client.get(url)  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        briefing_publish(user=analyst, briefing=briefing, publish=False)
    assert client.get(url).status_code == 404
    assert briefing.title not in client.get(reverse("collation:briefing-list")).content.decode()


def test_a_document_added_to_a_published_review_shows_once_checked_and_at_once(
    client, published, manager, ingest, check_all
):
    review, _ = published
    url = reverse("collation:review-detail", args=[review.pk])
    client.get(url)
    client.get(url)  # from the cache
    document = ingest(user=manager, review=review, path=SAMPLE, filename="addendum.pdf")
    assert document.status == "ready"  # processed in-process, which also bumps
    page_url = reverse("collation:document-page", args=[review.pk, document.pk, 1])
    # Not public while its possible personal data is unchecked and it has no public copy.
    assert "addendum.pdf" not in client.get(url).content.decode()
    assert client.get(page_url).status_code == 404
    check_all(user=manager, review=review)
    content = client.get(url).content.decode()
    assert "addendum.pdf" in content and page_url in content
    assert client.get(page_url).status_code == 200


def test_uploads_and_processing_on_a_draft_leave_the_public_pages_cached(
    published, manager, draft_review, ingest
):
    before = public_version()
    document = ingest(user=manager, review=draft_review, path=SAMPLE)
    assert document.status == "ready"
    assert public_version() == before


def test_coding_a_recommendation_of_a_published_review_moves_the_version(
    published, analyst, django_capture_on_commit_callbacks
):
    _, document = published
    recommendation = Recommendation.objects.create(
        document=document, position=1, number=1, text="Share referrals.", page=1
    )
    before = public_version()
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_code(
            user=analyst,
            recommendation=recommendation,
            agency=None,
            theme=None,
            layer="",
            smart=[],
            issues=[PracticeIssue.objects.get(code="C5")],
        )
    assert public_version() != before
