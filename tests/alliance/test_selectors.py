"""Who sees which actions and meetings, and the issue page's panel in fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.choices import ActionStatus
from alliance.selectors import (
    action_list,
    actions_by_issue,
    alliance_summary,
    issue_alliance_work,
    meeting_list,
)
from alliance.services import meeting_save, progress_update_create, working_group_save
from collation.models import PracticeIssue
from tests.alliance.conftest import issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(make_action, police, police_member, adcs_member):
    """One published RCPCH action, one unpublished with the police as partner, one of ADCS's."""
    public = make_action(title="Public", publish=True)
    partnered = make_action(title="Partnered draft", partners=[police])
    adcs_draft = make_action(user=adcs_member, title="ADCS draft", codes=("C3",))
    return public, partnered, adcs_draft


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, {"Public"}),
        ("analyst", {"Public"}),
        ("manager", {"Public"}),
        ("member", {"Public", "Partnered draft"}),
        ("police_member", {"Public", "Partnered draft"}),
        ("adcs_member", {"Public", "ADCS draft"}),
        ("administrator", {"Public", "Partnered draft", "ADCS draft"}),
    ],
)
def test_unpublished_actions_are_seen_only_by_their_organisations(request, actions, who, expected):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(who) if who else AnonymousUser()
    titles = list(action_list(user=user).values_list("title", flat=True))
    assert set(titles) == expected
    assert len(titles) == len(set(titles))  # the partner join repeats nothing


def test_actions_are_grouped_by_stage_and_issue_in_grid_order(make_action):
    make_action(title="On C3 and D7", codes=("D7", "C3"), publish=True)
    make_action(title="On D2", codes=("D2",), publish=True)
    from django.contrib.auth.models import AnonymousUser

    stages = actions_by_issue(actions=action_list(user=AnonymousUser()))
    assert [stage.code for stage, _ in stages] == ["C", "D"]
    assert [group.issue.code for group in stages[1][1]] == ["D2", "D7"]
    assert [a.title for a in stages[0][1][0].actions] == ["On C3 and D7"]


def test_summary_counts(make_action, member):
    from django.contrib.auth.models import AnonymousUser

    action = make_action(codes=("D7", "D2"), publish=True)
    make_action(codes=("C3",))  # unpublished: the public's figures leave it out
    progress_update_create(user=member, action=action, text="Go", status=ActionStatus.IN_PROGRESS)
    summary = alliance_summary(actions=action_list(user=AnonymousUser()))
    assert summary.actions == 1
    assert dict(summary.by_status)["In progress"] == 1
    assert (summary.issues_covered, summary.issues_in_grid) == (2, 44)
    assert summary.members == 1


def test_the_issue_panel_shows_published_work_in_a_fixed_number_of_queries(
    make_action, member, police, rcpch
):
    d7 = PracticeIssue.objects.get(code="D7")
    make_action(title="Published", publish=True, partners=[police])
    make_action(title="Draft")
    withdrawn = make_action(title="Withdrawn", publish=True)
    progress_update_create(
        user=member,
        action=withdrawn,
        text="Dropped",
        status=ActionStatus.DROPPED,
        reason="Overtaken by events",
    )
    working_group_save(
        user=member, name="G", purpose="P", issues=[d7], organisations=[rcpch, police]
    )
    work = issue_alliance_work(issue=d7)
    assert [a.title for a in work.actions] == ["Published"]
    assert [g.name for g in work.working_groups] == ["G"]
    for n in range(5):
        make_action(title=f"More {n}", publish=True, partners=[police])
    with CaptureQueriesContext(connection) as few:
        issue_alliance_work(issue=d7)
    assert len(few) <= 6


def test_meetings_are_for_members_and_analysts(member, analyst, manager, rcpch):
    meeting_save(user=member, title="M", held_on=datetime.date(2016, 1, 1), issues=issues("D7"))
    assert meeting_list(user=member).count() == 1
    assert meeting_list(user=analyst).count() == 1
    assert meeting_list(user=manager).count() == 0
