"""Boards' local learning through the API: the pages' rules, and writes through services."""

import pytest

from collation.models import LocalAction, PracticeIssue

from .local_support import published_recommendations

pytestmark = pytest.mark.django_db


def _as(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_a_manager_records_the_grid_an_action_an_update_and_an_outcome(api_client, manager):
    client = _as(api_client, manager)
    board, issue = manager.board.slug, PracticeIssue.objects.order_by("pk").first()
    response = client.post(
        "/api/collation/local-issues/",
        {"board": board, "issue": issue.code, "status": "seen", "evidence": ""},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"evidence": ["Enter the evidence that it is seen here"]}
    answer = {"board": board, "issue": issue.code, "status": "seen", "evidence": "Audit."}
    assert client.post("/api/collation/local-issues/", answer, format="json").status_code == 201
    action = {
        "board": board,
        "issue": issue.code,
        "title": "Audit",
        "owner": "Team",
        "due_on": "2027-03-31",
    }
    response = client.post("/api/collation/local-actions/", action, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.post(
        f"/api/collation/local-actions/{pk}/updates/",
        {"status": "done", "text": "Finished."},
        format="json",
    )
    assert response.status_code == 201
    assert LocalAction.objects.get().status == "done"
    review, (recommendation, _) = published_recommendations(manager.board)
    outcome = {
        "recommendation": recommendation.pk,
        "status": "not_implemented",
        "response": "Declined.",
        "evidence": "Letter.",
    }
    response = client.post("/api/collation/recommendation-outcomes/", outcome, format="json")
    assert response.json() == {"reason": ["Enter why it was not implemented"]}
    outcome["reason"] = "The service closed."
    response = client.post("/api/collation/recommendation-outcomes/", outcome, format="json")
    assert response.status_code == 201
    listed = client.get(f"/api/collation/recommendation-outcomes/?review={review.pk}").json()
    assert [item["status"] for item in listed["results"]] == ["not_implemented"]


def test_another_board_sees_nothing_until_shared_and_never_records(
    api_client, manager, other_manager
):
    _as(api_client, manager).put(
        f"/api/collation/local-sharing/{manager.board.slug}/", {"shared": False}, format="json"
    )
    issue = PracticeIssue.objects.order_by("pk").first()
    api_client.post(
        "/api/collation/local-issues/",
        {"board": manager.board.slug, "issue": issue.code, "status": "not_seen"},
        format="json",
    )
    client = _as(api_client, other_manager)
    assert client.get("/api/collation/local-issues/").json()["count"] == 0
    sharing = f"/api/collation/local-sharing/{manager.board.slug}/"
    assert client.get(sharing).status_code == 404
    _as(api_client, manager).put(sharing, {"shared": True}, format="json")
    client = _as(api_client, other_manager)
    assert client.get("/api/collation/local-issues/").json()["count"] == 1
    own = f"/api/collation/local-issues/?board={other_manager.board.slug}"
    assert client.get(own).json()["count"] == 0
    assert client.put(sharing, {"shared": False}, format="json").status_code == 403
    response = client.post(
        "/api/collation/local-issues/",
        {"board": manager.board.slug, "issue": issue.code, "status": "seen", "evidence": "x"},
        format="json",
    )
    assert response.status_code == 403
