"""The Quality Markers API: the pages' permissions, the services' validation."""

import pytest

from quality_markers.choices import Point, Rating
from quality_markers.models import Assessment, MarkerFeedback
from quality_markers.selectors import framework_current
from quality_markers.services import framework_new_version

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
