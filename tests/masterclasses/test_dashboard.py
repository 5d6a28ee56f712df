"""Your work for a lead reviewer: their assessments in draft and their masterclass places."""

import pytest
from django.urls import reverse

from masterclasses.services.allocation import allocation_confirm, allocation_run
from masterclasses.services.applications import application_save
from quality_markers.services import assessment_start
from tests.factories import ReviewFactory
from tests.masterclasses.conftest import close
from tests.test_dashboard import assert_fixed_queries, page

pytestmark = pytest.mark.django_db


# --- Lead reviewer ----------------------------------------------------------------------


def test_a_lead_reviewer_sees_their_drafts_and_masterclass_places(
    client, reviewer, manager, administrator, application_round, sessions
):
    led = ReviewFactory(board=manager.board, lead_reviewer=reviewer, title="Led by me")
    draft = assessment_start(user=reviewer, review=led, point="during", audience="lead_reviewer")
    other = ReviewFactory(board=manager.board, title="The manager's own")
    assessment_start(user=manager, review=other, point="during", audience="board_manager")

    content = page(client, reviewer)
    assessment = reverse("quality_markers:assessment", args=[draft.pk])
    assert f'href="{assessment}">{led.reference}: During the review</a>' in content
    assert "The manager's own" not in content and other.reference not in content
    # The round is open and they have not applied.
    apply = reverse("masterclasses:apply", args=[application_round.pk])
    assert f'href="{apply}">Apply for a place in February masterclasses</a>' in content

    application_save(user=reviewer, application_round=application_round, first_choice=sessions[0])
    content = page(client, reviewer)
    assert "You have applied in February masterclasses." in content
    assert "You have no masterclass places to come.</p>" in content  # a round is open
    assert apply not in content

    close(application_round)
    content = page(client, reviewer)
    assert "Your application in February masterclasses is waiting for places" in content
    run = allocation_run(user=administrator, application_round=application_round, seed=1)
    allocation_confirm(user=administrator, run=run)
    content = page(client, reviewer)
    assert f"{sessions[0].topic}, " in content
    assert "Place offered" in content
    assert "is waiting for places" not in content
    assert reverse("masterclasses:yours") in content


def test_a_lead_reviewers_page_costs_fixed_queries(
    client, reviewer, manager, application_round, django_assert_max_num_queries
):
    def add_work(count):
        for _ in range(count):
            review = ReviewFactory(board=manager.board, lead_reviewer=reviewer)
            assessment_start(user=reviewer, review=review, point="during", audience="lead_reviewer")

    # Session, user, roles; drafts; places, the open round, their application in it, and
    # their applications waiting for places.
    assert_fixed_queries(
        client, reviewer, add_work, most=8, assert_max=django_assert_max_num_queries
    )
