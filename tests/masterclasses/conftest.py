"""Fixtures for reviewer development: a round of sessions, reviewers in bulk, places."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from masterclasses.models import ApplicationRound, Session, Topic
from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User


@pytest.fixture
def topics(db):
    """The four LiPP topics, loaded from data/reference.json."""
    return list(Topic.objects.order_by("position"))


@pytest.fixture
def application_round(topics):
    """An open round closing in a week, with one session of 20 places per topic."""
    today = timezone.localdate()
    application_round = ApplicationRound.objects.create(
        title="February masterclasses", closing_date=today + timedelta(days=7)
    )
    for number, topic in enumerate(topics):
        Session.objects.create(
            topic=topic,
            round=application_round,
            date=today + timedelta(days=30 + number),
            venue=f"Venue {number + 1}",
            capacity=20,
        )
    return application_round


@pytest.fixture
def sessions(application_round):
    return list(application_round.sessions.order_by("date"))


def make_reviewers(count: int, prefix: str = "lr") -> list[User]:
    """``count`` lead reviewers, made in bulk (the LiPP's list had 146)."""
    users = User.objects.bulk_create(
        User(username=f"{prefix}{n:03d}", first_name="Reviewer", last_name=f"{n:03d}")
        for n in range(count)
    )
    group = Group.objects.get(name=Role.LEAD_REVIEWER.label)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=group.pk) for user in users
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def close(application_round: ApplicationRound) -> None:
    """Move the closing date into the past, as if the round had closed."""
    application_round.closing_date = timezone.localdate() - timedelta(days=1)
    application_round.save()
