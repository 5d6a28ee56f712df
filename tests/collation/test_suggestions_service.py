"""collation/services/suggestions.py: the worker proposes codings from a document's text,
analysts accept (a coding in their name) or reject, and the nightly model learns from both."""

import pytest
from django.urls import reverse

from collation.choices import SuggestionStatus
from collation.models import Coding, PracticeIssue, Suggestion, SuggestionModel
from collation.services.suggestions import (
    document_suggestions_refresh,
    suggestion_accept,
    suggestion_model_rebuild,
    suggestion_reject,
)
from tests.collation.conftest import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def test_processing_proposes_codings_best_first_with_the_model_version(document):
    suggestions = list(Suggestion.objects.filter(document=document).order_by("-score"))
    assert len(suggestions) >= 5
    version = SuggestionModel.objects.get().version
    assert {s.model_version for s in suggestions} == {version}
    assert all(0 <= s.score <= 1 for s in suggestions)
    # Every excerpt stands on its page, so accepting it makes a valid coding.
    for suggestion in suggestions[:5]:
        text = " ".join(document.pages.get(number=suggestion.page).text.split())
        assert " ".join(suggestion.excerpt.split()) in text


def test_accepting_makes_a_coding_in_the_analysts_name_marked_as_from_a_suggestion(
    document, analyst
):
    suggestion = Suggestion.objects.filter(document=document).order_by("-score").first()
    coding = suggestion_accept(user=analyst, suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.decided_by == analyst
    assert (coding.coder, coding.issue, coding.suggestion) == (
        analyst,
        suggestion.issue,
        suggestion,
    )
    with pytest.raises(Exception, match="already been decided"):
        suggestion_accept(user=analyst, suggestion=suggestion)


def test_accepting_under_another_issue_and_rejecting_with_a_reason(document, analyst):
    first, second = Suggestion.objects.filter(document=document).order_by("-score")[:2]
    other = PracticeIssue.objects.exclude(pk=first.issue_id).first()
    coding = suggestion_accept(user=analyst, suggestion=first, issue=other)
    assert coding.issue == other and not coding.causes.exists()
    suggestion_reject(user=analyst, suggestion=second, reason="Background, not a finding")
    second.refresh_from_db()
    assert (second.status, second.reason) == (
        SuggestionStatus.REJECTED,
        "Background, not a finding",
    )


def test_the_model_learns_from_accepts_and_rejects(document, analyst):
    before = SuggestionModel.objects.get()
    best = Suggestion.objects.filter(document=document).order_by("-score")
    rejected = best[1]
    suggestion_accept(user=analyst, suggestion=best[0])
    suggestion_reject(user=analyst, suggestion=rejected)
    after = suggestion_model_rebuild()
    assert after.version != before.version
    assert (after.accepted_examples, after.rejected_examples) == (1, 1)
    # A rejected passage is not proposed again for that issue; decided ones stay.
    document_suggestions_refresh(document_id=document.pk)
    again = Suggestion.objects.filter(
        document=document, status=SuggestionStatus.PENDING, page=rejected.page
    )
    assert rejected.issue_id not in set(again.values_list("issue_id", flat=True))
    assert Suggestion.objects.filter(pk=rejected.pk, status=SuggestionStatus.REJECTED).exists()


def test_the_suggestions_api_is_for_analysts_paginated_best_first(
    api_client, document, analyst, manager
):
    url = f"/api/collation/documents/{document.pk}/suggestions/"
    assert api_client.get(url).status_code in (401, 403)
    api_client.force_authenticate(manager)
    assert api_client.get(url).status_code == 403
    api_client.force_authenticate(analyst)
    body = api_client.get(url).json()
    scores = [item["score"] for item in body["results"]]
    assert body["count"] >= 5 and scores == sorted(scores, reverse=True)
    first = body["results"][0]
    assert set(first) >= {"page", "excerpt", "issue", "causes", "score"}
    accepted = api_client.post(
        f"/api/collation/suggestions/{first['id']}/accept/", {}, format="json"
    )
    assert accepted.status_code == 200
    assert Coding.objects.get(pk=accepted.json()["id"]).suggestion_id == first["id"]


def test_the_coding_page_shows_suggestions_beside_the_text(client, document, analyst):
    suggestion = Suggestion.objects.filter(document=document).order_by("-score").first()
    client.force_login(analyst)
    url = reverse("collation:coding-page", args=[document.review_id, document.pk, suggestion.page])
    page = client.get(url).content.decode()
    assert f'id="passage-{suggestion.pk}"' in page  # marked in the text
    assert f'id="suggestion-{suggestion.pk}"' in page
    decide = reverse("collation:suggestion-decide", args=[suggestion.pk, "reject"])
    assert client.post(decide, {"reason": "Not here"}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED


def test_metadata_proposals_come_with_their_page_and_prefill_the_form(
    client, api_client, document, manager
):
    api_client.force_authenticate(manager)
    proposals = api_client.get(f"/api/collation/documents/{document.pk}/metadata-suggestions/")
    assert proposals.status_code == 200
    body = proposals.json()
    assert body and all({"value", "page"} <= set(item) for item in body.values())
    client.force_login(manager)
    form = client.get(reverse("collation:review-edit", args=[document.review_id])).content.decode()
    assert "Found in the report, page" in form
