"""The API for audience versions of briefings and training packs: the pages' rules."""

import pytest

from collation.models import BriefingAudience, Coding, TrainingPack
from tests.collation.test_learning import briefing, coded  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

PACKS = "/api/collation/training-packs/"
PARTS = "/api/collation/briefing-audiences/"


def test_analysts_write_a_pack_and_publish_it_for_everyone(api_client, analyst, manager, coded):  # noqa: F811
    excerpt = Coding.objects.filter(document__review=coded[0][0]).get()
    body = {
        "issue": "C1",
        "introduction": "Scene.",
        "questions": "Does this happen here?\nWho owns it?",
        "trainer_notes": "Twenty minutes.",
        "excerpts": [excerpt.pk],
    }
    assert api_client.post(PACKS, body, format="json").status_code == 401
    api_client.force_authenticate(manager)
    assert api_client.post(PACKS, body, format="json").status_code == 403
    api_client.force_authenticate(analyst)
    created = api_client.post(PACKS, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["question_list"] == ["Does this happen here?", "Who owns it?"]
    assert created.json()["status"] == "draft"
    pk = created.json()["id"]
    refused = api_client.patch(f"{PACKS}{pk}/", {"questions": ""}, format="json")
    assert refused.status_code == 400
    assert refused.json()["questions"] == ["Enter at least one question, one a line."]
    api_client.force_authenticate(None)
    assert api_client.get(f"{PACKS}{pk}/").status_code == 404  # a draft
    assert api_client.get(PACKS).json()["count"] == 0
    api_client.force_authenticate(analyst)
    assert api_client.post(f"{PACKS}{pk}/publish/").json()["status"] == "published"
    api_client.force_authenticate(None)
    assert api_client.get(f"{PACKS}{pk}/").json()["url"] == "/trends/issues/C1/training-pack/"
    assert TrainingPack.objects.get().excerpts.get() == excerpt


def test_a_draft_excerpt_is_refused_with_the_services_message(api_client, analyst, coded):  # noqa: F811
    api_client.force_authenticate(analyst)
    draft_excerpt = Coding.objects.filter(document__review=coded[1]).get()
    response = api_client.post(
        PACKS,
        {
            "issue": "C1",
            "introduction": "S.",
            "questions": "Q?",
            "trainer_notes": "N.",
            "excerpts": [draft_excerpt.pk],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["excerpts"] == ["Choose excerpts on C1 from published reports."]


def test_audience_versions_follow_their_briefing(api_client, analyst, briefing):  # noqa: F811
    api_client.force_authenticate(analyst)
    body = {
        "briefing": briefing.slug,
        "audience": "managers",
        "what_to_do": "Audit.",
        "questions": "Here?",
    }
    assert api_client.post(PARTS, body, format="json").status_code == 201
    body["questions"] = "Here?\nNow?"
    again = api_client.post(PARTS, body, format="json")  # the same version, changed
    assert again.status_code == 201
    assert BriefingAudience.objects.get().questions == "Here?\nNow?"
    api_client.force_authenticate(None)
    assert api_client.get(PARTS).json()["count"] == 0  # the briefing is a draft
    briefing.status = briefing.Status.PUBLISHED
    briefing.save()
    listed = api_client.get(PARTS).json()["results"]
    assert [part["url"] for part in listed] == [f"/briefings/{briefing.slug}/managers/"]


def test_the_overview_as_data(api_client, coded):  # noqa: F811
    figures = api_client.get("/api/collation/overview/", {"period": "2016"}).json()
    assert figures["published_reviews"] == 4
    assert figures["most_often"][0]["code"] == "C1"
    assert [part["reviews"] for part in figures["published_by_part"]] == [1, 1, 2, 0]
    refused = api_client.get("/api/collation/overview/", {"period": "someday"})
    assert refused.status_code == 400
    assert "is not a period" in refused.json()["period"][0]
