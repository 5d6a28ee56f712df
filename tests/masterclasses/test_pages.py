"""The administrator's pages for a round, and the navigation this app adds."""

import pytest
from django.urls import reverse

from masterclasses.models import AllocationRun, Place
from masterclasses.services.applications import application_save
from scr_platform.accounts.choices import Role
from tests.masterclasses.conftest import make_reviewers

pytestmark = pytest.mark.django_db


def test_close_run_preview_and_confirm_through_the_pages(
    client, administrator, application_round, sessions
):
    for reviewer in make_reviewers(3):
        application_save(
            user=reviewer,
            application_round=application_round,
            first_choice=sessions[0],
            second_choice=sessions[1],
        )
    client.force_login(administrator)
    url = reverse("masterclasses:round-detail", args=[application_round.pk])
    page = client.get(url).content.decode()
    assert "Close applications now" in page and "Run the allocation" not in page
    close_url = reverse("masterclasses:round-close", args=[application_round.pk])
    assert close_url in page
    client.post(url, {"close": "1"})  # the round page itself closes nothing
    assert "Close applications now" in client.get(url).content.decode()
    confirm = client.get(close_url).content.decode()
    assert "3 lead reviewers have applied so far." in confirm
    assert "applications cannot be opened again" in confirm
    response = client.post(close_url, follow=True)
    assert "Applications are closed. You can run the allocation." in response.content.decode()
    assert client.get(close_url)["Location"] == application_round.get_absolute_url()
    response = client.post(url, {"seed": "not a number"})
    assert response.status_code == 400
    assert "The seed must be a whole number, like 20160201" in response.content.decode()
    response = client.post(url, {"seed": "2016"}, follow=True)
    run = AllocationRun.objects.get()
    assert response.redirect_chain[-1][0] == run.get_absolute_url()
    preview = response.content.decode()
    assert "Seed 2016" in preview
    assert "3 of 20 places filled: 3 by first choice, 0 by second choice. 0 waiting." in preview
    assert "0 of 20 places filled" in preview  # sessions nobody chose first are shown too
    assert "3 of 20 places filled: 0 by first choice, 3 by second choice." in preview
    assert "Everyone who applied has a place." in preview
    response = client.post(run.get_absolute_url(), follow=True)
    assert "Places are confirmed" in response.content.decode()
    assert Place.objects.filter(run__status="confirmed").count() == 6
    # Attendance links appear once places are confirmed.
    assert (
        reverse("masterclasses:attendance", args=[sessions[0].pk])
        in client.get(url).content.decode()
    )


def navigation(client, user=None) -> list[str]:
    if user:
        client.force_login(user)
    return [item["label"] for item in client.get(reverse("start")).context["service_navigation"]]


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (None, ["Masterclasses"], ["Reviewers", "CPD log"]),
        (Role.LSCB_MANAGER, ["Masterclasses", "Reviewers"], ["CPD log"]),
        (Role.LEAD_REVIEWER, ["Masterclasses", "CPD log"], ["Reviewers"]),
        (Role.ANALYST, ["Masterclasses"], ["Reviewers", "CPD log"]),
        (Role.ALLIANCE_MEMBER, ["Masterclasses"], ["Reviewers", "CPD log"]),
        (Role.ADMINISTRATOR, ["Masterclasses", "Reviewers"], ["CPD log"]),
    ],
)
def test_the_navigation_links_by_role(client, user_for_role, role, shown, hidden):
    labels = navigation(client, user_for_role(role) if role else None)
    assert all(label in labels for label in shown)
    assert not any(label in labels for label in hidden)
