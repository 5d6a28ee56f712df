"""Digital summits in the API: the pages' rules, and never the author."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from alliance.models import Contribution
from alliance.services import contribution_approve, contribution_create, summit_round_open
from collation.models import PracticeIssue

pytestmark = pytest.mark.django_db

TEXT = "Referral forms ask for certainty we do not have after one home visit."


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def summit(analyst):
    issue = PracticeIssue.objects.order_by("code").first()
    return summit_round_open(user=analyst, issue=issue, title="Round", question="Why?")


@pytest.fixture
def waiting(practitioner, summit):
    return contribution_create(user=practitioner, summit=summit, text=TEXT)


def _ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_the_public_reads_approved_contributions_only_and_never_the_author(
    api_client, analyst, practitioner, summit, waiting
):
    approved = contribution_create(user=practitioner, summit=summit, text=TEXT + " Approved.")
    contribution_approve(user=analyst, contribution=approved)
    response = api_client.get(reverse("alliance-api:contribution-list"))
    assert _ids(response) == [approved.pk]
    (item,) = response.json()["results"]
    assert item["sector"] == "Practitioner"  # one health practitioner: too few to name
    assert set(item) == {
        "id",
        "round",
        "phase",
        "text",
        "sector",
        "status",
        "rejection_reason",
        "created_at",
    }
    detail = reverse("alliance-api:contribution-detail", args=[waiting.pk])
    assert api_client.get(detail).status_code == 404
    rounds = api_client.get(reverse("alliance-api:summit-round-list")).json()["results"]
    assert [(item["causes"], item["solutions"]) for item in rounds] == [(1, 0)]


def test_a_practitioner_sees_their_own_and_withdraws_it(api_client, practitioner, waiting):
    api_client.force_authenticate(practitioner)
    assert _ids(api_client.get(reverse("alliance-api:contribution-list"))) == [waiting.pk]
    response = api_client.post(reverse("alliance-api:contribution-withdraw", args=[waiting.pk]))
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_practitioners_contribute_with_clear_errors(api_client, practitioner, summit):
    api_client.force_authenticate(practitioner)
    url = reverse("alliance-api:contribution-list")
    response = api_client.post(url, {"round": summit.pk, "text": "short"}, format="json")
    assert response.status_code == 400
    assert "at least 20 characters" in response.json()["text"][0]
    response = api_client.post(url, {"round": summit.pk, "text": TEXT}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "waiting"


def test_analysts_moderate_and_others_may_not(api_client, analyst, alliance_member, waiting):
    reject = reverse("alliance-api:contribution-reject", args=[waiting.pk])
    api_client.force_authenticate(alliance_member)
    assert api_client.post(reject, {"reason": "No."}, format="json").status_code == 403
    api_client.force_authenticate(analyst)
    response = api_client.post(reject, {"reason": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": ["Enter why the contribution is rejected."]}
    response = api_client.post(reject, {"reason": "It names a school."}, format="json")
    assert response.json()["rejection_reason"] == "It names a school."
    queue = api_client.get(reverse("alliance-api:contribution-list"), {"status": "rejected"})
    assert _ids(queue) == [waiting.pk]


def test_anyone_reports_an_approved_contribution_which_is_hidden_again(
    api_client, analyst, waiting
):
    report = reverse("alliance-api:contribution-report", args=[waiting.pk])
    assert api_client.post(report, {"reason": "untrue"}, format="json").status_code == 404
    contribution_approve(user=analyst, contribution=waiting)
    assert api_client.post(report, {"reason": "nonsense"}, format="json").status_code == 400
    assert api_client.post(report, {"reason": "untrue"}, format="json").status_code == 202
    waiting.refresh_from_db()
    assert (waiting.status, waiting.report_count) == ("reported", 1)
    assert not Contribution.objects.filter(status="approved").exists()
