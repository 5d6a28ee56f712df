"""The Alliance's API: the same rules as the pages."""

import pytest
from django.utils import timezone

from alliance.choices import ActionStatus
from alliance.models import Action, ImpactEvidence, ProgressUpdate

pytestmark = pytest.mark.django_db

ACTIONS = "/api/alliance/actions/"


def test_the_public_reads_published_actions_without_peoples_names(api_client, make_action):
    published = make_action(title="Published", publish=True)
    make_action(title="Draft")
    listing = api_client.get(ACTIONS).json()
    assert [row["title"] for row in listing["results"]] == ["Published"]
    row = listing["results"][0]
    assert row["issues"] == ["D7"]
    assert row["organisation"] == "rcpch"
    assert "owner" not in row and "owner_name" not in row
    detail = api_client.get(f"{ACTIONS}{published.pk}/").json()
    assert detail["updates"] == [] and detail["evidence"] == []
    assert api_client.post(ACTIONS, {}).status_code in (401, 403)


def test_a_member_records_and_reports_on_an_action(api_client, member, police):
    api_client.force_authenticate(member)
    response = api_client.post(
        ACTIONS,
        {
            "title": "Joint training",
            "description": "On challenge.",
            "issues": ["D7", "D5"],
            "partners": [police.slug],
            "due_on": "2030-01-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["organisation"], body["owner"], body["status"]) == ("rcpch", member.pk, "proposed")
    pk = body["id"]
    # The status moves only with a progress update.
    refused = api_client.patch(f"{ACTIONS}{pk}/", {"status": "done"}, format="json")
    assert refused.status_code == 400 and "progress" in refused.json()["status"][0]
    changed = api_client.patch(f"{ACTIONS}{pk}/", {"title": "Joint training, v2"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Joint training, v2"
    update = api_client.post(
        f"{ACTIONS}{pk}/progress/", {"text": "Done.", "status": "done"}, format="json"
    )
    assert update.status_code == 201 and update.json()["status"] == "done"
    assert Action.objects.get(pk=pk).completed_on == timezone.localdate()
    evidence = api_client.post(
        f"{ACTIONS}{pk}/evidence/",
        {"kind": "practice_change", "summary": "Challenge is now routine."},
        format="json",
    )
    assert evidence.status_code == 201
    published = api_client.post(f"{ACTIONS}{pk}/publish/", {}, format="json")
    assert published.status_code == 200 and published.json()["published_at"]
    api_client.force_authenticate(None)
    detail = api_client.get(f"{ACTIONS}{pk}/").json()
    assert detail["status"] == ActionStatus.DONE
    assert [e["summary"] for e in detail["evidence"]] == ["Challenge is now routine."]
    assert "author" not in detail["updates"][0]


def test_mistakes_come_back_as_400_with_every_field(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.post(
        ACTIONS, {"title": " ", "description": " ", "issues": []}, format="json"
    )
    assert response.status_code == 400
    assert {"title", "description", "issues"} <= set(response.json())


@pytest.mark.parametrize("who", ["adcs_member", "analyst"])
def test_others_cannot_change_an_action(api_client, request, make_action, who):
    action = make_action(publish=True)
    api_client.force_authenticate(request.getfixturevalue(who))
    assert (
        api_client.patch(f"{ACTIONS}{action.pk}/", {"title": "X"}, format="json").status_code == 403
    )
    response = api_client.post(f"{ACTIONS}{action.pk}/progress/", {"text": "X"}, format="json")
    assert response.status_code == 403


def test_an_unpublished_action_is_not_found_by_others(api_client, make_action, adcs_member):
    action = make_action()
    assert api_client.get(f"{ACTIONS}{action.pk}/").status_code == 404
    api_client.force_authenticate(adcs_member)
    assert api_client.get(f"{ACTIONS}{action.pk}/").status_code == 404
    assert api_client.post(f"{ACTIONS}{action.pk}/publish/").status_code == 404


def test_actions_filter_by_issue_status_and_organisation(api_client, make_action, police):
    make_action(title="On D7", publish=True)
    make_action(title="On C3", codes=("C3",), partners=[police], publish=True)
    titles = lambda **query: [r["title"] for r in api_client.get(ACTIONS, query).json()["results"]]  # noqa: E731
    assert titles(issue="C3") == ["On C3"]
    assert titles(organisation=police.slug) == ["On C3"]
    assert titles(stage="D") == ["On D7"]
    assert titles(status="done") == []
    assert titles(q="c3") == ["On C3"]


def test_organisations_and_working_groups_are_public(api_client, member, rcpch, police):
    assert [
        o["slug"] for o in api_client.get("/api/alliance/organisations/").json()["results"]
    ] == [
        "college-of-policing",
        "rcpch",
    ]
    assert api_client.get("/api/alliance/representatives/").status_code in (401, 403)
    assert api_client.post("/api/alliance/working-groups/", {}).status_code in (401, 403)
    api_client.force_authenticate(member)
    created = api_client.post(
        "/api/alliance/working-groups/",
        {"name": "G", "purpose": "P", "issues": ["D7"], "organisations": ["rcpch"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    closed = api_client.patch(
        "/api/alliance/working-groups/g/", {"closed_on": "2099-01-01"}, format="json"
    )
    assert closed.status_code == 200 and closed.json()["issues"] == ["D7"]
    representatives = api_client.get("/api/alliance/representatives/").json()["results"]
    assert [r["organisation"] for r in representatives] == ["rcpch"]


def test_meetings_are_for_members_and_analysts(api_client, member, analyst, manager):
    api_client.force_authenticate(member)
    created = api_client.post(
        "/api/alliance/meetings/",
        {"title": "M", "held_on": "2016-03-01", "issues": ["D7"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    api_client.force_authenticate(analyst)
    assert api_client.get("/api/alliance/meetings/").json()["count"] == 1
    assert api_client.post("/api/alliance/meetings/", {}, format="json").status_code == 403
    api_client.force_authenticate(manager)
    assert api_client.get("/api/alliance/meetings/").status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get("/api/alliance/meetings/").status_code in (401, 403)


def test_the_api_root_lists_the_alliance(api_client):
    links = api_client.get("/api/").json()
    assert {"alliance/actions", "alliance/organisations", "alliance/meetings"} <= set(links)


def test_a_change_made_with_a_token_is_traced_to_its_user(api_client, make_action, member):
    from auditlog.models import LogEntry
    from rest_framework.authtoken.models import Token

    action = make_action()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")
    response = api_client.patch(f"{ACTIONS}{action.pk}/", {"title": "Via a token"}, format="json")
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(action).order_by("-timestamp").first()
    assert (entry.changes_dict["title"][1], entry.actor) == ("Via a token", member)


@pytest.mark.parametrize("who", ["manager", "analyst"])
def test_someone_who_may_not_record_actions_is_refused_before_their_input_is_read(
    api_client, request, who
):
    # Was a 400 listing the missing fields: a refusal that came after telling them
    # how to fill the form in.
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(ACTIONS, {}, format="json")
    assert response.status_code == 403
    assert "represent an organisation" in response.json()["detail"]
    assert not Action.objects.exists()


@pytest.mark.parametrize("route", ["progress", "evidence"])
@pytest.mark.parametrize("who", ["adcs_member", "analyst"])
def test_reporting_on_another_organisations_action_is_refused_before_input_is_read(
    api_client, request, make_action, route, who
):
    # Was a 400 for an empty or wrong body: only a complete one reached the rule.
    action = make_action(publish=True)
    api_client.force_authenticate(request.getfixturevalue(who))
    response = api_client.post(f"{ACTIONS}{action.pk}/{route}/", {}, format="json")
    assert response.status_code == 403
    assert "organisations taking an action" in response.json()["detail"]
    assert not ProgressUpdate.objects.exists() and not ImpactEvidence.objects.exists()


def test_the_organisations_own_representative_still_gets_its_mistakes(api_client, member):
    api_client.force_authenticate(member)
    response = api_client.post(ACTIONS, {}, format="json")
    assert response.status_code == 400
    assert {"title", "description", "issues"} <= set(response.json())


def test_a_key_with_a_nul_character_is_a_clear_400(api_client, member, make_action):
    # Was a 500: PostgreSQL cannot compare text holding NUL.
    action = make_action()
    api_client.force_authenticate(member)
    response = api_client.patch(
        f"{ACTIONS}{action.pk}/", {"issues": ["D\x007"], "working_group": "a\x00"}, format="json"
    )
    # Refused by the API's parsers (scr_platform/parsers.py) before any field is read.
    assert response.status_code == 400
    assert "NUL" in " ".join(response.json()["non_field_errors"])


def _component(api_client, name: str) -> dict:
    return api_client.get("/api/schema/?format=json").json()["components"]["schemas"][name]


def test_the_schema_does_not_require_what_the_public_is_not_sent(api_client):
    # The public is not sent people's names, nor whether an action is overdue: the schema
    # required them, so every public response "violated" it.
    for component, omitted in {
        "Action": {"owner", "owner_name", "is_overdue"},
        "ActionDetail": {"owner", "owner_name", "is_overdue"},
        "GoodPractice": {"recorded_by"},
        "ProgressUpdate": {"author"},
        "ImpactEvidence": {"author"},
    }.items():
        required = set(_component(api_client, component).get("required", []))
        assert not required & omitted, component
    assert "title" in _component(api_client, "Action")["required"]


def test_an_organisation_without_a_website_is_sent_as_the_schema_says(api_client, adcs):
    assert api_client.get(f"/api/alliance/organisations/{adcs.slug}/").json()["website"] == ""
    website = _component(api_client, "Organisation")["properties"]["website"]
    assert {"type": "string", "maxLength": 0} in website["oneOf"]
