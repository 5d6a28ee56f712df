"""Regression tests for what the whole-service proof (tests/proof) found in reviewer development.

The feedback summary's schema said a page of summaries, but it sends one object
of two lists; a CPD summary for a year no date can have (0, 10000) was a server
error, on the page and in the API; deleting a topic or a session that others'
records depend on was a server error; read-only pages answered a POST.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import Session, Topic
from masterclasses.services.applications import application_save
from masterclasses.services.cpd import cpd_activity_save
from masterclasses.services.profiles import profile_save

pytestmark = pytest.mark.django_db


def test_the_feedback_summary_is_one_object_and_the_schema_says_so(api_client, administrator):
    api_client.force_authenticate(administrator)
    response = api_client.get("/api/masterclasses/feedback/summary/", {"page": 2})
    assert response.status_code == 200
    assert response.json() == {"topics": [], "sessions": []}
    schema = api_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/masterclasses/feedback/summary/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert component["type"] == "object"
    assert set(component["properties"]) == {"topics", "sessions"}
    assert component["properties"]["topics"]["type"] == "array"
    # Neither paged nor filtered: it covers every session.
    assert not {p["name"] for p in operation.get("parameters", [])} & {"page", "session"}


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999", "-1", "2016.0", "٢٠١٦"])
def test_a_cpd_summary_for_an_impossible_year_is_a_clear_400(api_client, reviewer, year):
    api_client.force_authenticate(reviewer)
    response = api_client.get("/api/masterclasses/cpd/summary/", {"year": year})
    assert response.status_code == 400
    assert response.json() == {
        "year": ["Give the year as four digits, from 1900 to 2100, like 2016."]
    }


def test_a_cpd_summary_for_a_year_lists_that_years_activities(api_client, reviewer):
    today = timezone.localdate()
    cpd_activity_save(
        user=reviewer, date=today, title="Peer supervision", kind="peer_support", hours=2
    )
    api_client.force_authenticate(reviewer)
    this_year = api_client.get("/api/masterclasses/cpd/summary/")
    assert this_year.status_code == 200
    assert this_year.json()["year"] == today.year
    assert [row["title"] for row in this_year.json()["activities"]] == ["Peer supervision"]
    other = api_client.get("/api/masterclasses/cpd/summary/", {"year": 1900})
    assert (other.status_code, other.json()["activities"]) == (200, [])


@pytest.mark.parametrize("name", ["masterclasses:cpd-summary", "masterclasses:cpd-summary-csv"])
@pytest.mark.parametrize("year", [0, 1899, 2101, 99999])
def test_a_cpd_summary_page_for_an_impossible_year_is_not_found(client, reviewer, name, year):
    client.force_login(reviewer)
    assert client.get(reverse(name, args=[year])).status_code == 404


def test_the_cpd_summary_page_still_shows_a_year(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("masterclasses:cpd-summary", args=[2016])).status_code == 200


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


def test_read_only_pages_refuse_a_post_with_405(client, reviewer, topics):
    profile = profile_save(
        user=reviewer, background="health", availability="available", visibility="public"
    )
    client.force_login(reviewer)
    for url in [
        reverse("masterclasses:directory"),
        reverse("masterclasses:reviewer-detail", args=[profile.pk]),
        reverse("masterclasses:catalogue"),
        reverse("masterclasses:topic-detail", args=[topics[0].slug]),
    ]:
        assert client.post(url).status_code == 405, url
        assert client.get(url).status_code == 200, url


def test_an_administrator_may_not_change_a_reviewers_application(
    api_client, administrator, reviewer, application_round, sessions
):
    application = application_save(
        user=reviewer, application_round=application_round, first_choice=sessions[0]
    )
    api_client.force_authenticate(administrator)
    response = api_client.patch(
        f"/api/masterclasses/applications/{application.pk}/",
        {"first_choice": sessions[1].pk},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Change your own application only."}
    application.refresh_from_db()
    assert application.first_choice == sessions[0]
