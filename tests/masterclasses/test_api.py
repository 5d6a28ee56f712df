"""The API does what the pages do, through the same services and rules."""

import pytest
from django.utils import timezone

from masterclasses.models import Application, Attendance, CpdActivity, Place, Session, Topic
from masterclasses.services.applications import application_save
from masterclasses.services.profiles import profile_save
from tests.factories import UserFactory
from tests.masterclasses.conftest import close, make_reviewers

pytestmark = pytest.mark.django_db

API = "/api/masterclasses"


def test_the_api_hides_what_the_reviewer_keeps_private(api_client, manager):
    reviewer = UserFactory(username="kim", roles=["lead_reviewer"])
    profile_save(
        user=reviewer,
        background="legal",
        availability="available",
        visibility="public",
        regions=["london"],
        show_regions=False,
    )
    public = api_client.get(f"{API}/reviewers/").json()["results"][0]
    assert public["regions"] is None and public["email"] is None
    assert public["background"] == "legal"
    assert "regions" not in public["visible_parts"]
    assert api_client.get(f"{API}/reviewers/", {"region": "london"}).json()["count"] == 0
    api_client.force_authenticate(manager)
    full = api_client.get(f"{API}/reviewers/", {"region": "london"}).json()["results"][0]
    assert full["regions"] == ["london"] and full["email"] == "kim@example.org"


def test_a_reviewer_keeps_their_profile_through_the_api(api_client, reviewer):
    api_client.force_authenticate(reviewer)
    assert api_client.get(f"{API}/reviewers/me/").status_code == 404
    response = api_client.put(
        f"{API}/reviewers/me/",
        {
            "background": "health",
            "years_reviewing": 4,
            "other_reviews_led": 2,
            "availability": "limited",
            "visibility": "boards",
            "methods": ["silp"],
            "regions": ["south-west"],
            "public_parts": ["methods"],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["methods"] == ["silp"]
    response = api_client.put(
        f"{API}/reviewers/me/",
        {
            "background": "astronaut",
            "years_reviewing": 1,
            "other_reviews_led": 0,
            "availability": "limited",
            "visibility": "boards",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"background": ["Select your professional background."]}


def test_apply_allocate_confirm_and_withdraw_through_the_api(
    api_client, application_round, sessions, administrator
):
    reviewers = make_reviewers(3)
    session = sessions[0]
    Session.objects.filter(pk=session.pk).update(capacity=2)
    for reviewer in reviewers:
        api_client.force_authenticate(reviewer)
        response = api_client.post(
            f"{API}/applications/",
            {"round": application_round.pk, "first_choice": session.pk, "second_choice": None},
            format="json",
        )
        assert response.status_code == 201, response.content
    # Applying again changes the one application, never a second.
    response = api_client.post(
        f"{API}/applications/",
        {
            "round": application_round.pk,
            "first_choice": session.pk,
            "second_choice": sessions[1].pk,
        },
        format="json",
    )
    assert response.status_code == 201
    assert Application.objects.filter(reviewer=reviewers[2]).count() == 1
    response = api_client.post(
        f"{API}/applications/",
        {"round": application_round.pk, "first_choice": session.pk, "second_choice": session.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "different masterclass" in response.json()["second_choice"][0]

    api_client.force_authenticate(administrator)
    response = api_client.post(
        f"{API}/runs/", {"round": application_round.pk, "seed": 42}, format="json"
    )
    assert response.status_code == 400
    assert "Close the round" in response.json()[0]
    assert api_client.post(f"{API}/rounds/{application_round.pk}/close/").status_code == 200
    run = api_client.post(
        f"{API}/runs/", {"round": application_round.pk, "seed": 42}, format="json"
    ).json()
    again = api_client.post(
        f"{API}/runs/", {"round": application_round.pk, "seed": 42}, format="json"
    ).json()
    detail = api_client.get(f"{API}/runs/{run['id']}/").json()
    detail_again = api_client.get(f"{API}/runs/{again['id']}/").json()

    def outcome(d):
        return sorted(
            (p["application"], p["session"], p["status"], p["position"]) for p in d["places"]
        )

    assert outcome(detail) == outcome(detail_again)
    confirmed = api_client.post(f"{API}/runs/{run['id']}/confirm/").json()
    assert confirmed["status"] == "confirmed"

    holder = Place.objects.filter(run_id=run["id"], session=session, status="placed").first()
    waiting = Place.objects.get(run_id=run["id"], session=session, status="waiting")
    api_client.force_authenticate(holder.application.reviewer)
    mine = api_client.get(f"{API}/places/").json()["results"]
    assert [p["id"] for p in mine] == [holder.pk]
    response = api_client.post(f"{API}/places/{holder.pk}/withdraw/")
    assert response.json()["status"] == "withdrawn"
    waiting.refresh_from_db()
    assert waiting.status == "placed" and waiting.from_waiting_list


def test_after_closing_the_api_refuses_changes_with_the_reason(
    api_client, application_round, sessions, reviewer
):
    api_client.force_authenticate(reviewer)
    created = api_client.post(
        f"{API}/applications/",
        {"round": application_round.pk, "first_choice": sessions[0].pk},
        format="json",
    ).json()
    close(application_round)
    response = api_client.patch(
        f"{API}/applications/{created['id']}/", {"first_choice": sessions[1].pk}, format="json"
    )
    assert response.status_code == 400
    assert "closed on" in response.json()[0]
    assert api_client.delete(f"{API}/applications/{created['id']}/").status_code == 400
    assert Application.objects.get().first_choice == sessions[0]


def test_the_cpd_log_through_the_api(api_client, reviewer, administrator):
    api_client.force_authenticate(reviewer)
    response = api_client.post(
        f"{API}/cpd/",
        {"date": "2016-03-01", "title": "Reading", "kind": "reading", "hours": "1.50"},
        format="json",
    )
    assert response.status_code == 201, response.content
    bad = api_client.post(
        f"{API}/cpd/",
        {"date": "2999-01-01", "title": "Later", "kind": "reading", "hours": "1"},
        format="json",
    )
    assert bad.status_code == 400 and "date" in bad.json()
    summary = api_client.get(f"{API}/cpd/summary/", {"year": 2016}).json()
    assert summary["total_hours"] == "1.50"
    assert summary["by_kind"] == [
        {"kind": "Reading and research", "activities": 1, "hours": "1.50"}
    ]
    assert api_client.get(f"{API}/cpd/summary/", {"year": "last"}).status_code == 400
    # Nobody else reads a CPD log, administrators included.
    api_client.force_authenticate(administrator)
    assert api_client.get(f"{API}/cpd/").json()["count"] == 0
    assert CpdActivity.objects.count() == 1


def test_feedback_through_the_api(api_client, reviewer, sessions):

    Session.objects.filter(pk=sessions[0].pk).update(date=timezone.localdate())
    payload = {
        "session": sessions[0].pk,
        "skills": "completely",
        "ideas": "completely",
        "ongoing": "to_a_large_extent",
    }
    api_client.force_authenticate(reviewer)
    assert api_client.post(f"{API}/feedback/", payload, format="json").status_code == 403
    Attendance.objects.create(session=sessions[0], reviewer=reviewer, attended=True)
    assert api_client.post(f"{API}/feedback/", payload, format="json").status_code == 201
    response = api_client.post(
        f"{API}/feedback/", {**payload, "skills": "not_at_all"}, format="json"
    )
    assert response.status_code == 201 and response.json()["skills"] == "not_at_all"


def test_a_topic_with_sessions_is_not_deleted(api_client, administrator, sessions):
    topic = sessions[0].topic
    api_client.force_authenticate(administrator)
    response = api_client.delete(f"/api/masterclasses/topics/{topic.slug}/")
    assert response.status_code == 400
    assert "has sessions, so it cannot be deleted" in response.json()[0]
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_a_session_chosen_in_an_application_is_not_deleted(
    api_client, administrator, reviewer, application_round, sessions
):
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    api_client.force_authenticate(administrator)
    response = api_client.delete(f"/api/masterclasses/sessions/{sessions[0].pk}/")
    assert response.status_code == 400
    assert "chosen this session" in response.json()[0]
    assert Session.objects.filter(pk=sessions[0].pk).exists()
    # One nobody chose still goes.
    assert api_client.delete(f"/api/masterclasses/sessions/{sessions[1].pk}/").status_code == 204
