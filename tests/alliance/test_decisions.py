"""Meetings' notes and decisions, and making a decision an action."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.models import Action
from alliance.services import action_create, decision_save, meeting_save
from tests.alliance.conftest import issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(member, rcpch, police):
    return meeting_save(
        user=member,
        title="Fourth Alliance meeting",
        held_on=datetime.date(2016, 6, 1),
        issues=issues("D2", "D7"),
        organisations=[rcpch, police],
        notes="The grid shows health opinions are rarely challenged.",
    )


@pytest.fixture
def decision(meeting, member):
    return decision_save(
        user=member,
        meeting=meeting,
        text="The RCPCH will draft guidance on stating how certain an opinion is.",
    )


def test_members_record_decisions_others_do_not(meeting, member, analyst):
    first = decision_save(user=member, meeting=meeting, text="  Set up a working group.  ")
    assert (first.text, first.recorded_by, first.action) == (
        "Set up a working group.",
        member,
        None,
    )
    with pytest.raises(ValidationError) as error:
        decision_save(user=member, meeting=meeting, text=" ")
    assert error.value.message_dict == {"text": ["Enter what was decided."]}
    with pytest.raises(PermissionDenied):
        decision_save(user=analyst, meeting=meeting, text="Analysts read, not record.")
    assert list(meeting.decisions.all()) == [first]


def test_a_decision_becomes_an_action_once(decision, member, police_member):
    action = action_create(
        user=member,
        title="Guidance",
        description=decision.text,
        issues=issues("D7"),
        decision=decision,
    )
    decision.refresh_from_db()
    assert decision.action == action and action.meeting == decision.meeting
    with pytest.raises(ValidationError) as error:
        action_create(
            user=police_member,
            title="Again",
            description="D",
            issues=issues("D7"),
            decision=decision,
        )
    assert error.value.message_dict == {
        "decision": ["This decision is already an action: “Guidance”."]
    }
    assert Action.objects.count() == 1


def test_the_meeting_page_shows_notes_decisions_and_the_way_to_an_action(
    client, meeting, decision, member, analyst
):
    client.force_login(member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "The grid shows health opinions are rarely challenged." in page
    assert decision.text in page and "Make this decision an action" in page
    assert reverse("alliance:decision-create", args=[meeting.pk]) in page
    client.force_login(analyst)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert decision.text in page
    assert "Make this decision an action" not in page and "Add a decision" not in page


def test_make_this_decision_an_action_opens_a_prefilled_form_and_links_back(
    client, meeting, decision, member
):
    client.force_login(member)
    url = f"{reverse('alliance:action-create')}?decision={decision.pk}"
    form = client.get(url).context["form"]
    assert sorted(issue.code for issue in form.initial["issues"]) == ["D2", "D7"]
    assert form.initial["description"] == decision.text
    assert form.initial["title"] == decision.text
    assert form.initial["meeting"] == meeting
    response = client.post(
        url,
        {
            "title": "Guidance on certainty",
            "description": decision.text,
            "issues": [issue.pk for issue in form.initial["issues"]],
            "status": "proposed",
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    decision.refresh_from_db()
    assert decision.action == action and action.meeting == meeting
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Made from the decision" in detail and meeting.get_absolute_url() in detail
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Became the action" in page and "Guidance on certainty" in page
    # Asked again: sent to the action, not a second form.
    again = client.get(url)
    assert again.status_code == 302 and again["Location"] == action.get_absolute_url()


def test_a_form_sent_after_someone_else_made_the_action_is_refused_with_a_message(
    client, decision, member, police_member
):
    client.force_login(member)
    url = f"{reverse('alliance:action-create')}?decision={decision.pk}"
    assert client.get(url).status_code == 200  # the form is open…
    action_create(  # …when another member makes the decision an action
        user=police_member, title="Theirs", description="D", issues=issues("D7"), decision=decision
    )
    data = {"title": "T", "description": "D", "issues": [issues("D7")[0].pk], "status": "proposed"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "This decision is already an action: “Theirs”." in refused.content.decode()
    assert Action.objects.count() == 1


def test_decisions_are_not_for_the_public_or_other_roles(client, meeting, decision, manager):
    url = f"{reverse('alliance:action-create')}?decision={decision.pk}"
    assert client.get(reverse("alliance:decision-create", args=[meeting.pk])).status_code == 302
    client.force_login(manager)
    assert client.get(reverse("alliance:decision-create", args=[meeting.pk])).status_code == 403
    assert client.get(url).status_code == 403


def test_the_decision_form(client, meeting, decision, member):
    client.force_login(member)
    create = reverse("alliance:decision-create", args=[meeting.pk])
    empty = client.post(create, {"text": ""})
    assert empty.status_code == 400 and "Enter what was decided." in empty.content.decode()
    assert client.post(create, {"text": "Meet again in March."}).status_code == 302
    edit = reverse("alliance:decision-edit", args=[meeting.pk, decision.pk])
    assert client.post(edit, {"text": "Reworded."}).status_code == 302
    decision.refresh_from_db()
    assert decision.text == "Reworded."
    assert [d.text for d in meeting.decisions.all()] == ["Reworded.", "Meet again in March."]


def test_the_api_records_decisions_and_makes_them_actions(
    api_client, meeting, decision, member, analyst, manager
):
    api_client.force_authenticate(member)
    created = api_client.post(
        "/api/alliance/decisions/",
        {"meeting": meeting.pk, "text": "Write to the DfE."},
        format="json",
    )
    assert created.status_code == 201, created.json()
    empty = api_client.post(
        "/api/alliance/decisions/", {"meeting": meeting.pk, "text": " "}, format="json"
    )
    assert empty.status_code == 400 and empty.json() == {"text": ["Enter what was decided."]}
    action = api_client.post(
        "/api/alliance/actions/",
        {"title": "T", "description": "D", "issues": ["D7"], "decision": decision.pk},
        format="json",
    )
    assert action.status_code == 201, action.json()
    assert action.json()["meeting"] == meeting.pk
    again = api_client.post(
        "/api/alliance/actions/",
        {"title": "T", "description": "D", "issues": ["D7"], "decision": decision.pk},
        format="json",
    )
    assert again.status_code == 400 and "already an action" in again.json()["decision"][0]
    detail = api_client.get(f"/api/alliance/meetings/{meeting.pk}/").json()
    assert detail["notes"].startswith("The grid shows")
    assert [d["action"] for d in detail["decisions"]] == [action.json()["id"], None]
    api_client.force_authenticate(analyst)
    assert api_client.get("/api/alliance/decisions/", {"meeting": meeting.pk}).json()["count"] == 2
    assert api_client.post("/api/alliance/decisions/", {}, format="json").status_code == 403
    api_client.force_authenticate(manager)
    assert api_client.get("/api/alliance/decisions/").status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get("/api/alliance/decisions/").status_code in (401, 403)
