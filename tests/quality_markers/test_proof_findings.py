"""Regression tests for what the whole-service proof (tests/proof) found in Quality Markers.

Read-only pages answered a POST like a GET; the API validated an answer before
asking whether the user may change the assessment (so a board manager got a
400 "rating is required" for someone else's assessment, rather than a 403);
and starting an assessment told another board's manager that a draft review
exists (403) where a review that does not exist is a 400 (the proof's rule: a
draft hidden by a 404 or "does not exist" is never confirmed by a 403).
"""

import pytest
from django.urls import reverse

from quality_markers.models import Assessment
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(start, review, reviewer):
    return start(reviewer, review)


def test_read_only_pages_refuse_a_post_with_405(client, reviewer, assessment):
    client.force_login(reviewer)
    for url in [
        reverse("quality_markers:framework"),
        reverse("quality_markers:national"),
        reverse("quality_markers:assessment-list"),
        reverse("quality_markers:assessment", args=[assessment.pk]),
        reverse("quality_markers:assessment-summary", args=[assessment.pk]),
        reverse("quality_markers:assessment-compare")
        + f"?left={assessment.pk}&right={assessment.pk}",
    ]:
        assert client.post(url).status_code == 405, url
        assert client.get(url).status_code == 200, url


def test_the_public_is_still_sent_to_sign_in_first(client, assessment):
    url = reverse("quality_markers:assessment", args=[assessment.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("action", ["ratings", "submit"])
def test_only_the_author_may_change_an_assessment_through_the_api(
    api_client, assessment, manager, administrator, reviewer, action
):
    url = f"/api/quality-markers/assessments/{assessment.pk}/{action}/"
    answer = {"marker_number": 1, "rating": "met"}
    # Those who see it but are not its author: 403, whatever they send.
    for user in (manager, administrator):
        api_client.force_authenticate(user)
        for body in ({}, answer):
            response = api_client.post(url, body, format="json")
            assert response.status_code == 403, (user, body)
            assert "Only its author" in response.json()["detail"]
    # The author: the answer is checked (an empty one is a 400).
    api_client.force_authenticate(reviewer)
    assert api_client.post(url, {}, format="json").status_code == 400


def test_a_submitted_assessment_is_not_changed_even_by_its_author(
    api_client, assessment, reviewer, fill
):
    fill(assessment)
    api_client.force_authenticate(reviewer)
    response = api_client.post(
        f"/api/quality-markers/assessments/{assessment.pk}/ratings/",
        {"marker_number": 1, "rating": "not_met"},
        format="json",
    )
    assert response.status_code == 403
    assert assessment.ratings.get(marker__number=1).rating == "met"


def test_another_boards_draft_reads_as_no_such_review(api_client, review, other_manager):
    api_client.force_authenticate(other_manager)
    body = {"point": "retrospective", "audience": "board_manager"}
    draft = api_client.post(
        "/api/quality-markers/assessments/", {**body, "review": review.pk}, format="json"
    )
    missing = api_client.post(
        "/api/quality-markers/assessments/", {**body, "review": review.pk + 1000}, format="json"
    )
    assert draft.status_code == missing.status_code == 400
    assert draft.json()["review"] == [
        message.replace(str(review.pk + 1000), str(review.pk))
        for message in missing.json()["review"]
    ]
    assert not Assessment.objects.exists()


def test_a_review_seen_but_not_assessable_is_refused_with_403(api_client, board, other_manager):
    published = ReviewFactory(board=board, publish=True)
    api_client.force_authenticate(other_manager)
    response = api_client.post(
        "/api/quality-markers/assessments/",
        {"review": published.pk, "point": "retrospective", "audience": "board_manager"},
        format="json",
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_those_who_may_assess_still_start_one(api_client, review, manager, reviewer):
    for user, audience in ((manager, "board_manager"), (reviewer, "lead_reviewer")):
        api_client.force_authenticate(user)
        response = api_client.post(
            "/api/quality-markers/assessments/",
            {"review": review.pk, "point": "during", "audience": audience},
            format="json",
        )
        assert response.status_code == 201, response.content
    assert Assessment.objects.count() == 2
