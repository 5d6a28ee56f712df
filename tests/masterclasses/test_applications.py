"""Applications: one per reviewer per round, by the closing date, with clear messages."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import Application, ApplicationRound, Session
from masterclasses.services.applications import (
    application_cancel,
    application_save,
    round_close,
)
from tests.masterclasses.conftest import close

pytestmark = pytest.mark.django_db


def test_a_reviewer_applies_and_changes_the_application(reviewer, application_round, sessions):
    application = application_save(
        user=reviewer, application_round=application_round, first_choice=sessions[0]
    )
    again = application_save(
        user=reviewer,
        application_round=application_round,
        first_choice=sessions[1],
        second_choice=sessions[2],
    )
    assert again.pk == application.pk
    assert Application.objects.get().first_choice == sessions[1]
    assert Application.objects.get().second_choice == sessions[2]


def test_the_closing_date_is_the_last_day_to_apply(reviewer, application_round, sessions):
    application_round.closing_date = timezone.localdate()
    application_round.save()
    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    close(application_round)
    with pytest.raises(ValidationError) as error:
        application_save(
            user=reviewer, application_round=application_round, first_choice=sessions[1]
        )
    closed_on = application_round.closing_date
    assert error.value.messages == [
        f"Applications for February masterclasses closed on {closed_on:%-d %B %Y}. "
        "You can no longer apply or change your application."
    ]
    assert Application.objects.get().first_choice == sessions[0]  # unchanged


def test_an_administrator_can_close_a_round_early(
    administrator, reviewer, application_round, sessions
):
    round_close(user=administrator, application_round=application_round)
    with pytest.raises(ValidationError, match="closed on"):
        application_save(
            user=reviewer, application_round=application_round, first_choice=sessions[0]
        )
    with pytest.raises(ValidationError, match="already closed"):
        round_close(user=administrator, application_round=application_round)
    with pytest.raises(PermissionDenied):
        round_close(user=reviewer, application_round=application_round)


def test_the_second_choice_must_be_another_masterclass(reviewer, application_round, sessions):
    same_topic = Session.objects.create(
        topic=sessions[0].topic,
        round=application_round,
        date=sessions[0].date + timedelta(days=60),
        online=True,
    )
    with pytest.raises(ValidationError) as error:
        application_save(
            user=reviewer,
            application_round=application_round,
            first_choice=sessions[0],
            second_choice=same_topic,
        )
    assert "different masterclass" in error.value.message_dict["second_choice"][0]
    assert not Application.objects.exists()


def test_sessions_must_belong_to_the_round(reviewer, application_round, sessions, topics):
    other_round = ApplicationRound.objects.create(
        title="Other", closing_date=application_round.closing_date
    )
    elsewhere = Session.objects.create(
        topic=topics[1], round=other_round, date=sessions[0].date, venue="Hull"
    )
    with pytest.raises(ValidationError) as error:
        application_save(
            user=reviewer,
            application_round=application_round,
            first_choice=elsewhere,
            second_choice=elsewhere,
        )
    assert set(error.value.message_dict) == {"first_choice", "second_choice"}


@pytest.mark.parametrize("who", ["manager", "analyst", "alliance_member"])
def test_only_lead_reviewers_apply(who, request, application_round, sessions):
    with pytest.raises(PermissionDenied):
        application_save(
            user=request.getfixturevalue(who),
            application_round=application_round,
            first_choice=sessions[0],
        )


def test_a_reviewer_cancels_before_closing_but_not_after(reviewer, application_round, sessions):
    application = application_save(
        user=reviewer, application_round=application_round, first_choice=sessions[0]
    )
    application_cancel(user=reviewer, application=application)
    assert not Application.objects.exists()
    application = application_save(
        user=reviewer, application_round=application_round, first_choice=sessions[0]
    )
    close(application_round)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="closed on"):
        application_cancel(user=reviewer, application=application)


# --- The page ---------------------------------------------------------------------


def test_the_page_applies_and_shows_the_application(client, reviewer, application_round, sessions):
    client.force_login(reviewer)
    url = reverse("masterclasses:apply", args=[application_round.pk])
    response = client.post(
        url, {"first_choice": sessions[0].pk, "second_choice": sessions[1].pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("masterclasses:yours")
    content = response.content.decode()
    assert "Your application is saved" in content
    assert "First choice: Systems thinking" in content
    assert "Second choice: Group work" in content


def test_the_page_explains_each_mistake(client, reviewer, application_round, sessions):
    client.force_login(reviewer)
    url = reverse("masterclasses:apply", args=[application_round.pk])
    response = client.post(url, {"first_choice": "", "second_choice": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert content.count("<title>Error: ") == 1
    assert 'id="id_first_choice-error"' in content
    assert 'href="#id_first_choice_0">Select your first choice of masterclass' in content
    response = client.post(url, {"first_choice": sessions[0].pk, "second_choice": sessions[0].pk})
    assert "Choose a different masterclass for your second choice, or none" in (
        response.content.decode()
    )
    response = client.post(url, {"first_choice": 999999})
    assert "Select a masterclass from the list" in response.content.decode()
    assert not Application.objects.exists()


def test_a_closed_round_sends_the_reviewer_to_their_outcome(client, reviewer, application_round):
    close(application_round)
    client.force_login(reviewer)
    response = client.get(reverse("masterclasses:apply", args=[application_round.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("masterclasses:yours")
    assert "have closed" in response.content.decode()
    response = client.post(
        reverse("masterclasses:apply", args=[application_round.pk]),
        {"first_choice": application_round.sessions.first().pk},
    )
    assert response.status_code == 400
    assert "closed on" in response.content.decode()


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


def test_a_second_choice_can_be_taken_back_with_none(client, reviewer, application_round, sessions):
    client.force_login(reviewer)
    url = reverse("masterclasses:apply", args=[application_round.pk])
    client.post(url, {"first_choice": sessions[0].pk, "second_choice": sessions[1].pk})
    form = client.get(url).content.decode()
    assert 'name="second_choice" value=""' in form
    assert "None: no second choice" in form
    response = client.post(url, {"first_choice": sessions[0].pk, "second_choice": ""})
    assert response.status_code == 302
    assert Application.objects.get().second_choice is None
    assert (
        'name="second_choice" value="" class="govuk-radios__input" id="id_second_choice_0" checked'
        in (client.get(url).content.decode())
    )
