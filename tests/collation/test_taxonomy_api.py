"""The taxonomy, codings and trends through the API."""

import pytest

from collation.models import Coding, PracticeIssue
from tests.collation.conftest import REPORTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSAGE = "Officers attended 137 Kiln Way"


@pytest.fixture
def document(manager, draft_review, ingest):
    return ingest(user=manager, review=draft_review, path=REPORTS / "scr_s1_001.pdf")


def test_the_taxonomy_is_public(api_client, db):
    stages = api_client.get("/api/collation/stages/").json()
    issues = api_client.get("/api/collation/issues/").json()
    assert [stage["code"] for stage in stages] == list("ABCDEFG")
    assert len(issues) == 44
    c1 = api_client.get("/api/collation/issues/C1/").json()
    assert c1["stage"] == "C" and len(c1["causes"]) == 3


def test_an_analyst_codes_through_the_api_and_sees_only_their_own(api_client, analyst, document):
    api_client.force_authenticate(analyst)
    cause = PracticeIssue.objects.get(code="C5").causes.first()
    response = api_client.post(
        "/api/collation/codings/",
        {
            "document": document.pk,
            "page": 7,
            "excerpt": PASSAGE,
            "issue": "C5",
            "causes": [cause.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["coder"] == "analyst"
    api_client.force_authenticate(UserFactory(roles=["analyst"]))
    assert api_client.get("/api/collation/codings/").json()["count"] == 0
    coding = Coding.objects.get()
    assert api_client.delete(f"/api/collation/codings/{coding.pk}/").status_code == 404


def test_a_bad_coding_is_a_clear_400(api_client, analyst, document):
    api_client.force_authenticate(analyst)
    response = api_client.post(
        "/api/collation/codings/",
        {"document": document.pk, "page": 6, "excerpt": PASSAGE, "issue": "C5"},
        format="json",
    )
    assert response.status_code == 400
    assert "not on page 6" in str(response.data["excerpt"])


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member"])
def test_only_analysts_use_the_codings_api(who, request, api_client):
    api_client.force_authenticate(request.getfixturevalue(who))
    assert api_client.get("/api/collation/codings/").status_code == 403


def test_the_public_gets_the_trend_grid(api_client, db):
    response = api_client.get("/api/collation/trends/", {"period": "2016"})
    assert response.status_code == 200
    assert response.json()["period"]["key"] == "2016"
    assert api_client.get("/api/collation/trends/", {"period": "someday"}).status_code == 400
