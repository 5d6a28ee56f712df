"""Overdue actions: who sees them, and the date arithmetic."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from alliance.choices import ActionStatus
from alliance.models import Action
from alliance.selectors import overdue_actions
from alliance.services import progress_update_create

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 6, 15)


def _due(make_action, title, due_on, **fields):
    return make_action(title=title, due_on=due_on, **fields)


@pytest.fixture
def actions(make_action, member):
    """Due yesterday, today, tomorrow, long ago (and done), long ago (and dropped)."""
    _due(make_action, "Late", TODAY - datetime.timedelta(days=1), publish=True)
    _due(make_action, "Due today", TODAY, publish=True)
    _due(make_action, "Due tomorrow", TODAY + datetime.timedelta(days=1), publish=True)
    done = _due(make_action, "Done late", TODAY - datetime.timedelta(days=40), publish=True)
    progress_update_create(user=member, action=done, text="Finished.", status=ActionStatus.DONE)
    dropped = _due(make_action, "Dropped", TODAY - datetime.timedelta(days=40), publish=True)
    progress_update_create(
        user=member, action=dropped, text="Stop.", status=ActionStatus.DROPPED, reason="Merged."
    )
    very = _due(make_action, "Very late", TODAY - datetime.timedelta(days=100))  # unpublished
    progress_update_create(user=member, action=very, text="Slow going.")
    _due(make_action, "No date", None, publish=True)


def test_the_date_arithmetic(actions, member):
    rows = overdue_actions(user=member, today=TODAY)
    assert [(row.action.title, row.days_overdue) for row in rows] == [
        ("Very late", 100),
        ("Late", 1),
    ]
    assert rows[0].action.latest_update_text == "Slow going."
    # Due today is not overdue; done and dropped never are, however late.


@pytest.mark.parametrize(
    ("who", "titles"),
    [
        (None, []),
        ("analyst", []),
        ("manager", []),
        ("reviewer", []),
        ("adcs_member", ["Late"]),  # another organisation's draft is not theirs to see
        ("member", ["Very late", "Late"]),
        ("administrator", ["Very late", "Late"]),
    ],
)
def test_who_sees_overdue_actions(request, actions, who, titles):
    user = request.getfixturevalue(who) if who else AnonymousUser()
    assert [row.action.title for row in overdue_actions(user=user, today=TODAY)] == titles


@pytest.fixture
def late_action(make_action):
    action = make_action(title="Late guidance", publish=True)
    Action.objects.filter(pk=action.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    return action


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("analyst", 403), ("manager", 403), ("member", 200), ("administrator", 200)],
)
def test_the_overdue_page(client, request, late_action, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("alliance:action-overdue"))
    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert "Late guidance" in content and "Royal College of Paediatrics" in content
        assert ">3</td>" in content  # days overdue


def test_the_public_is_not_shown_what_is_overdue(client, late_action, member):
    for url in ("/alliance/", late_action.get_absolute_url(), "/trends/issues/D7/"):
        content = client.get(url).content.decode()
        assert "Overdue" not in content and "overdue" not in content, url
    assert "Only overdue" not in client.get("/alliance/").content.decode()
    row = client.get("/api/alliance/actions/").json()["results"][0]
    assert "is_overdue" not in row
    client.force_login(member)
    content = client.get("/alliance/").content.decode()
    assert "1 action is past its due date." in content and "Only overdue actions" in content
    assert "govuk-tag--red" in client.get(late_action.get_absolute_url()).content.decode()
    assert client.get("/api/alliance/actions/").json()["results"][0]["is_overdue"] is True
    overdue_only = client.get("/alliance/", {"overdue": "on"}).content.decode()
    assert "Late guidance" in overdue_only
