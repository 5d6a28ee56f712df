"""Drafts never leak: pages, API, search and export, for every role and the public."""

import pytest
from django.urls import reverse

from collation.services.reviews import review_publish
from tests.collation.conftest import REPORTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A phrase from page 7 of scr_s1_001.pdf, as the public would search for it.
PHRASE = "Kiln Way"


@pytest.fixture
def lead_reviewer(draft_review):
    reviewer = UserFactory(username="assigned-reviewer", roles=["lead_reviewer"])
    draft_review.lead_reviewer = reviewer
    draft_review.save()
    return reviewer


@pytest.fixture
def draft_document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def viewer(name, request):
    """The user for a row of the matrix (None: the public)."""
    return None if name == "public" else request.getfixturevalue(name)


# Who may see the draft (and who may not).
MAY_SEE = {
    "public": False,
    "manager": True,  # the draft's own board
    "other_manager": False,
    "lead_reviewer": True,  # assigned to this review
    "reviewer": False,  # a lead reviewer, not of this review
    "analyst": True,
    "alliance_member": False,
    "administrator": True,
}
MAY_SEE_FLAGS = {"manager", "analyst", "administrator"}


def draft_urls(review, document):
    return [
        reverse("collation:review-detail", args=[review.pk]),
        reverse("collation:document-file", args=[review.pk, document.pk]),
        reverse("collation:document-page", args=[review.pk, document.pk, 7]),
        reverse("collation:document-progress", args=[review.pk, document.pk]),
        f"/api/collation/reviews/{review.pk}/",
        f"/api/collation/documents/{document.pk}/",
        f"/api/collation/documents/{document.pk}/pages/",
        f"/api/collation/jobs/{document.job.pk}/",
    ]


@pytest.mark.parametrize("who", list(MAY_SEE))
def test_a_draft_and_its_text_are_seen_only_by_those_allowed(
    who, request, client, draft_review, draft_document, lead_reviewer
):
    user = viewer(who, request)
    if user is not None:
        client.force_login(user)
    for url in draft_urls(draft_review, draft_document):
        response = client.get(url)
        expected = 200 if MAY_SEE[who] else 404
        assert response.status_code == expected, (who, url, response.status_code)


@pytest.mark.parametrize("who", list(MAY_SEE))
def test_lists_and_exports_include_a_draft_only_for_those_allowed(
    who, request, client, draft_review, draft_document, lead_reviewer
):
    user = viewer(who, request)
    if user is not None:
        client.force_login(user)
    title = draft_review.title
    listing = client.get(reverse("collation:review-list")).content.decode()
    export = b"".join(client.get(reverse("collation:review-export")).streaming_content).decode()
    api = client.get("/api/collation/reviews/").json()
    documents = client.get("/api/collation/documents/").json()
    jobs = client.get("/api/collation/jobs/").json()
    recommendations = client.get("/api/collation/recommendations/").json()
    assert (title in listing) is MAY_SEE[who]
    assert (title in export) is MAY_SEE[who]
    assert (api["count"] == 1) is MAY_SEE[who]
    assert (documents["count"] == 1) is MAY_SEE[who]
    assert (jobs["count"] == 1) is MAY_SEE[who]
    assert (recommendations["count"] > 0) is MAY_SEE[who]


@pytest.mark.parametrize("who", list(MAY_SEE))
def test_personal_data_flags_are_shown_only_to_managers_and_the_national_team(
    who, request, client, draft_review, draft_document, lead_reviewer
):
    user = viewer(who, request)
    flag_text = draft_document.personal_data_flags.first().text
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("collation:review-detail", args=[draft_review.pk]))
    if page.status_code == 200:
        assert ('id="personal-data"' in page.content.decode()) is (who in MAY_SEE_FLAGS)
    api = client.get("/api/collation/flags/")
    if user is None:
        assert api.status_code == 401
    else:
        assert (api.json()["count"] > 0) is (who in MAY_SEE_FLAGS)
    assert flag_text


@pytest.mark.parametrize("who", list(MAY_SEE))
def test_search_never_finds_a_draft_whoever_asks(
    who, request, client, draft_review, draft_document, lead_reviewer
):
    user = viewer(who, request)
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("collation:search"), {"q": PHRASE})
    api = client.get("/api/collation/search/", {"q": PHRASE}).json()
    assert draft_review.title not in page.content.decode()
    assert api["count"] == 0


def test_once_published_the_public_finds_it_by_a_phrase_from_page_7(
    client, manager, draft_review, draft_document, check_all
):
    check_all(user=manager, review=draft_review)
    review_publish(user=manager, review=draft_review)
    response = client.get("/api/collation/search/", {"q": PHRASE}).json()
    assert response["count"] >= 1
    hit = response["results"][0]
    assert hit["page"] == 7
    assert hit["url"].endswith("#page=7")
    assert "<mark>Kiln</mark>" in hit["snippet"]
    assert (
        client.get(
            reverse("collation:document-file", args=[draft_review.pk, draft_document.pk])
        ).status_code
        == 200
    )
