"""Findings of the whole-service proof (tests/proof) in the Alliance, fixed, kept as
regression tests."""

import pytest

from alliance.models import Action, ImpactEvidence, ProgressUpdate

pytestmark = pytest.mark.django_db

ACTIONS = "/api/alliance/actions/"


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


@pytest.mark.parametrize("address", ["/alliance/updates.atom", "/alliance/issues/D7/updates.atom"])
def test_the_progress_feeds_answer_only_a_get(client, address):
    # A POST was answered with the feed, as if it were a read.
    assert client.get(address).status_code == 200
    assert client.post(address).status_code == 405


def test_a_key_with_a_nul_character_is_a_clear_400(api_client, member, make_action):
    # Was a 500: PostgreSQL cannot compare text holding NUL.
    action = make_action()
    api_client.force_authenticate(member)
    response = api_client.patch(
        f"{ACTIONS}{action.pk}/", {"issues": ["D\x007"], "working_group": "a\x00"}, format="json"
    )
    assert response.status_code == 400
    assert "NUL character" in response.json()["issues"][0]
    assert "NUL character" in response.json()["working_group"][0]


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
