"""A board's own grid, local actions and recommendation outcomes: services and pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from collation.models import LocalAction, LocalActionUpdate, LocalIssue, PracticeIssue
from collation.selectors.local import board_overdue_actions
from collation.services.local import (
    local_action_create,
    local_action_update,
    local_issue_record,
    local_sharing_set,
    outcome_record,
)

from .local_support import outcome, published_recommendations

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return PracticeIssue.objects.order_by("pk").first()


def _grid(board):
    return reverse("collation:local-grid", args=[board.slug])


# --- Services ---------------------------------------------------------------------------


def test_seen_here_needs_evidence_and_answering_again_changes_the_answer(manager, issue):
    with pytest.raises(ValidationError) as error:
        local_issue_record(
            user=manager, board=manager.board, issue=issue, status="seen", evidence=""
        )
    assert error.value.message_dict == {"evidence": ["Enter the evidence that it is seen here"]}
    local_issue_record(
        user=manager, board=manager.board, issue=issue, status="seen", evidence="An audit."
    )
    local_issue_record(
        user=manager, board=manager.board, issue=issue, status="unknown", evidence=""
    )
    assert LocalIssue.objects.get().status == "unknown"


def test_only_the_boards_managers_record(other_manager, analyst, manager, issue):
    for user in (other_manager, analyst):
        with pytest.raises(PermissionDenied):
            local_issue_record(
                user=user, board=manager.board, issue=issue, status="unknown", evidence=""
            )
        with pytest.raises(PermissionDenied):
            local_sharing_set(user=user, board=manager.board, shared=True)
    assert not LocalIssue.objects.exists()


def test_an_action_says_what_is_missing_and_its_updates_are_kept(manager, issue):
    with pytest.raises(ValidationError) as error:
        local_action_create(
            user=manager, board=manager.board, issue=issue, title=" ", owner="", due_on=None
        )
    assert error.value.message_dict == {
        "title": ["Enter what will be done"],
        "owner": ["Enter who is responsible"],
        "due_on": ["Enter the due date"],
    }
    action = local_action_create(
        user=manager,
        board=manager.board,
        issue=issue,
        title="Audit",
        owner="Named nurse",
        due_on=datetime.date(2020, 1, 1),
    )
    assert action.is_overdue
    assert list(board_overdue_actions(board=manager.board)) == [action]
    local_action_update(user=manager, action=action, text="Begun.", status="in_progress")
    local_action_update(user=manager, action=action, text="Finished.", status="done")
    action.refresh_from_db()
    assert action.status == "done" and not action.is_overdue
    assert list(LocalActionUpdate.objects.values_list("text", "status")) == [
        ("Begun.", "in_progress"),
        ("Finished.", "done"),
    ]


def test_an_outcome_not_implemented_needs_a_reason_and_others_a_due_date(manager):
    _, (recommendation, _) = published_recommendations(manager.board)
    record = {
        "user": manager,
        "recommendation": recommendation,
        "response": "No.",
        "evidence": "Letter.",
    }
    with pytest.raises(ValidationError) as error:
        outcome_record(status="not_implemented", **record)
    assert error.value.message_dict == {"reason": ["Enter why it was not implemented"]}
    with pytest.raises(ValidationError) as error:
        outcome_record(status="accepted", **record)
    assert error.value.message_dict == {"due_on": ["Enter the due date"]}
    outcome_record(status="accepted", due_on=datetime.date(2030, 1, 1), **record)
    outcome_record(status="not_implemented", reason="The service closed.", **record)
    assert list(recommendation.outcomes.values_list("status", flat=True)) == [
        "accepted",
        "not_implemented",
    ]


def test_outcomes_are_for_published_recommendations_only(manager):
    review, (recommendation, _) = published_recommendations(manager.board)
    review.status = "draft"
    review.save()
    with pytest.raises(ValidationError):
        outcome_record(
            user=manager,
            recommendation=recommendation,
            status="accepted",
            response="Yes.",
            evidence="Minutes.",
            due_on=datetime.date(2030, 1, 1),
        )


# --- Pages ------------------------------------------------------------------------------


def test_a_private_grid_is_not_found_for_other_boards_until_shared(
    client, manager, other_manager, practitioner, issue
):
    local_issue_record(
        user=manager, board=manager.board, issue=issue, status="seen", evidence="Audit 2025."
    )
    client.force_login(other_manager)
    assert client.get(_grid(manager.board)).status_code == 404
    local_sharing_set(user=manager, board=manager.board, shared=True)
    response = client.get(_grid(manager.board))
    assert response.status_code == 200
    assert "Seen here" in response.content.decode()
    # Shared, it is read, not changed, by another board's manager.
    url = reverse("collation:local-issue", args=[manager.board.slug, issue.code])
    assert client.post(url, {"status": "not_seen"}).status_code == 403
    client.force_login(practitioner)
    assert client.get(_grid(manager.board)).status_code == 404


def test_a_manager_answers_adds_an_action_and_an_update(client, manager, issue):
    client.force_login(manager)
    url = reverse("collation:local-issue", args=[manager.board.slug, issue.code])
    response = client.post(url, {"status": "seen", "evidence": ""})
    assert response.status_code == 400
    assert "Enter the evidence that it is seen here" in response.content.decode()
    assert client.post(url, {"status": "seen", "evidence": "Audit."}).status_code == 302
    create = reverse("collation:local-action-create", args=[manager.board.slug, issue.code])
    response = client.post(create, {"title": "", "owner": "Team", "due_on_day": "31"})
    assert response.status_code == 400
    assert "Enter what will be done" in response.content.decode()
    response = client.post(
        create,
        {
            "title": "Audit",
            "owner": "Team",
            "due_on_day": "31",
            "due_on_month": "3",
            "due_on_year": "2027",
        },
    )
    assert response.status_code == 302
    action = LocalAction.objects.get()
    response = client.post(action.get_absolute_url(), {"status": "in_progress", "text": "Begun."})
    assert response.status_code == 302
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Begun." in page and "In progress" in page
    grid = client.get(_grid(manager.board)).content.decode()
    assert "Seen here" in grid


def test_the_outcomes_page_lists_history_and_overdue_items(client, manager, other_manager):
    review, (first, second) = published_recommendations(manager.board)
    outcome(first, manager, status="accepted", due_on=datetime.date(2030, 1, 1))
    outcome(first, manager, status="in_progress", due_on=datetime.date(2020, 6, 30))
    outcome(second, manager, status="implemented", due_on=datetime.date(2020, 6, 30))
    url = reverse("collation:recommendation-outcomes", args=[review.pk])
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "1 overdue: recommendation 1 (due 30 June 2020)" in page
    assert page.count("Accepted") >= 1 and "Implemented" in page
    client.force_login(other_manager)
    assert client.get(url).status_code == 404


def test_a_manager_records_an_outcome_with_clear_errors(client, manager):
    review, (recommendation, _) = published_recommendations(manager.board)
    url = reverse("collation:recommendation-outcome-record", args=[review.pk, recommendation.pk])
    client.force_login(manager)
    response = client.post(url, {"status": "not_implemented"})
    assert response.status_code == 400
    content = response.content.decode()
    for message in (
        "Enter the agency&#x27;s response",
        "Enter the evidence",
        "Enter why it was not implemented",
    ):
        assert message in content
    response = client.post(
        url,
        {
            "status": "in_progress",
            "response": "Accepted.",
            "evidence": "Training plan.",
            "due_on_day": "1",
            "due_on_month": "9",
            "due_on_year": "2027",
        },
    )
    assert response.status_code == 302
    assert recommendation.outcomes.get().due_on == datetime.date(2027, 9, 1)


def test_the_grid_leads_to_each_published_reviews_outcomes(client, manager):
    review, _ = published_recommendations(manager.board, title="Serious Case Review: Child G")
    client.force_login(manager)
    page = client.get(_grid(manager.board)).content.decode()
    assert reverse("collation:recommendation-outcomes", args=[review.pk]) in page
    assert "Private to the board" in page
