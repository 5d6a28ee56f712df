"""The public issue page is cached whole: every Alliance change that shows there
invalidates it when it commits, so the public sees the change at once."""

import datetime

import pytest
from django.urls import reverse

from alliance.choices import ActionStatus, EvidenceKind
from alliance.services import (
    action_edit,
    action_publish,
    good_practice_save,
    impact_evidence_create,
    progress_update_create,
    working_group_save,
)
from collation.services.trends import trends_version
from tests.alliance.conftest import issues

pytestmark = pytest.mark.django_db

D7 = reverse("collation:trend-issue", args=["D7"])


def test_a_public_visitor_sees_a_new_update_on_the_issue_page_straight_away(
    client, make_action, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action(title="Guidance on certainty", publish=True)
    first = client.get(D7).content.decode()
    assert "Guidance on certainty" in first and "Latest update" not in first
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_create(
            user=member,
            action=action,
            text="The first draft has gone to the royal colleges.",
            status=ActionStatus.IN_PROGRESS,
        )
    page = client.get(D7).content.decode()
    assert "The first draft has gone to the royal colleges." in page
    assert "In progress" in page


def _changes(member, make_action, police):
    """Each Alliance change that shows on an issue's public page."""
    action = make_action(publish=True)
    d7 = issues("D7")
    yield "an update", lambda: progress_update_create(user=member, action=action, text="News.")
    yield (
        "a move of status",
        lambda: progress_update_create(
            user=member, action=action, text="Go.", status=ActionStatus.IN_PROGRESS
        ),
    )
    yield (
        "evidence",
        lambda: impact_evidence_create(
            user=member, action=action, kind=EvidenceKind.FIGURES, summary="Fewer."
        ),
    )
    yield (
        "a change of details",
        lambda: action_edit(
            user=member, action=action, title="Renamed", description="D", issues=d7
        ),
    )
    yield "taking it back", lambda: action_publish(user=member, action=action, publish=False)
    yield "publishing", lambda: action_publish(user=member, action=action)
    yield (
        "a working group",
        lambda: working_group_save(
            user=member, name="G", purpose="P", issues=d7, organisations=[police]
        ),
    )
    yield (
        "good practice",
        lambda: good_practice_save(
            user=member,
            title="T",
            what_worked="W",
            where="Leeds",
            issues=d7,
            started_on=datetime.date(2015, 1, 1),
        ),
    )


def test_every_change_shown_on_an_issue_page_invalidates_it_on_commit(
    make_action, member, police, django_capture_on_commit_callbacks
):
    for name, change in _changes(member, make_action, police):
        before = trends_version()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            change()
        assert trends_version() == before, f"{name}: not before the commit"
        for callback in callbacks:
            callback()
        assert trends_version() != before, name


def test_work_the_public_cannot_see_leaves_the_cache_alone(
    make_action, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_action()
    before = trends_version()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_create(user=member, action=draft, text="Private progress.")
    assert trends_version() == before
