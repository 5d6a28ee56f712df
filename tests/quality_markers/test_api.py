"""The Quality Markers API: the pages' permissions, the services' validation."""

import pytest

from quality_markers.choices import Point, Rating
from quality_markers.models import Assessment, MarkerFeedback
from quality_markers.selectors import framework_current
from quality_markers.services import framework_new_version
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

ASSESSMENTS = "/api/quality-markers/assessments/"


def test_the_public_reads_published_frameworks_only(api_client, administrator):
    framework_new_version(framework=framework_current())  # an unpublished draft
    response = api_client.get("/api/quality-markers/frameworks/")
    assert response.status_code == 200
    versions = [item["version"] for item in response.json()["results"]]
    assert versions == [1]
    assert len(response.json()["results"][0]["markers"]) == 18
    api_client.force_authenticate(administrator)
    versions = [
        i["version"] for i in api_client.get("/api/quality-markers/frameworks/").json()["results"]
    ]
    assert versions == [2, 1]


def test_the_public_cannot_reach_assessments(api_client):
    assert api_client.get(ASSESSMENTS).status_code in (401, 403)


@pytest.mark.parametrize(
    "who, sees",
    [
        ("reviewer", True),
        ("manager", True),
        ("administrator", True),
        ("other_manager", False),
        ("analyst", False),
        ("alliance_member", False),
    ],
)
def test_who_sees_an_assessment_through_the_api(
    api_client, review, reviewer, start, request, who, sees
):
    assessment = start(reviewer, review)
    api_client.force_authenticate(request.getfixturevalue(who))
    listed = [item["id"] for item in api_client.get(ASSESSMENTS).json()["results"]]
    assert listed == ([assessment.pk] if sees else [])
    detail = api_client.get(f"{ASSESSMENTS}{assessment.pk}/")
    assert detail.status_code == (200 if sees else 404)


def test_a_lead_reviewer_assesses_through_the_api(api_client, review, reviewer):
    api_client.force_authenticate(reviewer)
    created = api_client.post(
        ASSESSMENTS, {"review": review.pk, "point": Point.SETTING_UP, "audience": "lead_reviewer"}
    )
    assert created.status_code == 201, created.json()
    url = f"{ASSESSMENTS}{created.json()['id']}/"
    assert created.json()["framework_version"] == 1 and created.json()["status"] == "draft"

    early = api_client.post(f"{url}submit/")
    assert early.status_code == 400 and "Answer every marker" in str(early.json())

    assessment = Assessment.objects.get()
    from quality_markers.selectors import assessment_markers

    for row in assessment_markers(assessment=assessment).first:
        answer = {"marker_number": row.marker.number, "rating": Rating.MET, "evidence": "Minutes"}
        assert api_client.post(f"{url}ratings/", answer).status_code == 200
    submitted = api_client.post(f"{url}submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    changed = api_client.post(f"{url}ratings/", {"marker_number": 1, "rating": Rating.NOT_MET})
    assert changed.status_code == 403


def test_bad_answers_are_refused_with_reasons(api_client, review, reviewer, start):
    url = f"{ASSESSMENTS}{start(reviewer, review).pk}/ratings/"
    api_client.force_authenticate(reviewer)
    bad = api_client.post(url, {"marker_number": 1, "rating": "excellent"})
    assert bad.status_code == 400 and "rating" in bad.json()
    missing = api_client.post(url, {"marker_number": 99, "rating": Rating.MET})
    assert missing.status_code == 404
    assert not Assessment.objects.get().ratings.exists()


def test_another_board_cannot_start_or_answer(api_client, review, reviewer, start, other_manager):
    api_client.force_authenticate(other_manager)
    refused = api_client.post(
        ASSESSMENTS, {"review": review.pk, "point": Point.SETTING_UP, "audience": "board_manager"}
    )
    # Another board's draft reads as no such review.
    assert refused.status_code == 400 and "review" in refused.json()
    theirs = start(reviewer, review)
    answer = api_client.post(
        f"{ASSESSMENTS}{theirs.pk}/ratings/", {"marker_number": 1, "rating": Rating.MET}
    )
    assert answer.status_code == 404


@pytest.mark.parametrize("who", ["reviewer", "analyst", "manager"])
def test_feedback_is_written_by_anyone_signed_in_and_read_by_administrators(
    api_client, request, who, administrator
):
    marker = framework_current().markers.get(number=5)
    payload = {"marker": marker.pk, "usefulness": "very", "comment": "Clear and helpful."}
    assert api_client.post("/api/quality-markers/feedback/", payload).status_code in (401, 403)
    api_client.force_authenticate(request.getfixturevalue(who))
    assert api_client.post("/api/quality-markers/feedback/", payload).status_code == 201
    assert api_client.get("/api/quality-markers/feedback/").status_code == 403
    api_client.force_authenticate(administrator)
    listed = api_client.get("/api/quality-markers/feedback/").json()["results"]
    assert [item["comment"] for item in listed] == ["Clear and helpful."]
    assert MarkerFeedback.objects.count() == 1


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
