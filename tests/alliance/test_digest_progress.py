"""The Alliance's section of a follower's digest (filled through collation.digest_sections):
published actions and progress on the issues followed, within the digest's window only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance.choices import ActionStatus
from alliance.services import progress_update_create
from collation import digest_sections
from collation.models import Follow, Follower, PracticeIssue
from collation.selectors.digests import digest_build, last_complete_period

pytestmark = pytest.mark.django_db


def _section_items(issues, since, until):
    [section] = [s for s in digest_sections.sections() if s.title == "What the Alliance is doing"]
    return [item.text for item in section.items(issues, since, until)]


def test_the_digest_lists_published_actions_and_their_progress_on_the_issues_followed(
    make_action, member
):
    since = timezone.now() - timedelta(minutes=1)
    on_d7 = make_action(title="Guidance on D7", publish=True)
    make_action(title="Audit on C3", codes=("C3",), publish=True)
    draft = make_action(title="Draft on D7")
    progress_update_create(
        user=member, action=on_d7, text="Draft out.", status=ActionStatus.IN_PROGRESS
    )
    progress_update_create(user=member, action=draft, text="Secret draft progress.")
    until = timezone.now() + timedelta(minutes=1)

    texts = _section_items(list(PracticeIssue.objects.filter(code="D7")), since, until)

    assert any("New action by" in text and "Guidance on D7" in text for text in texts)
    assert any("Progress on “Guidance on D7”" in text and "Draft out." in text for text in texts)
    assert not any(
        "Audit on C3" in text or "Secret" in text or "Draft on D7" in text for text in texts
    )
    # Outside the window: nothing.
    assert _section_items(list(PracticeIssue.objects.filter(code="D7")), until, until) == []


def test_alliance_progress_alone_makes_a_digest_worth_sending(make_action):
    follower = Follower.objects.create(email="reader@example.org", frequency="weekly")
    Follow.objects.create(
        follower=follower,
        kind=Follow.Kind.ISSUE,
        issue=PracticeIssue.objects.get(code="D7"),
        confirmed_at=timezone.now() - timedelta(hours=1),
    )
    make_action(title="Guidance on D7", publish=True)
    today = timezone.localdate()
    period = last_complete_period("weekly", today + timedelta(days=7 - today.weekday()))

    digest = digest_build(follower=follower, period=period)

    assert not digest.is_empty and not digest.reviews
    [alliance] = [s for s in digest.sections if s.title == "What the Alliance is doing"]
    [item] = alliance.items
    assert "Guidance on D7" in item.text and item.path.startswith("/alliance/")
