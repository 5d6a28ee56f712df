"""The statuses of an action: the allowed moves (every pair), the reason for dropping,
and the conversion of the first version's statuses."""

import importlib
import itertools

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alliance.choices import STATUS_TRANSITIONS, ActionStatus, status_can_move, statuses_after
from alliance.models import Action, ProgressUpdate
from alliance.services import progress_update_create
from tests.date_input import date_input_data

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("proposed", "in_progress"),
    ("proposed", "done"),
    ("proposed", "dropped"),
    ("in_progress", "done"),
    ("in_progress", "dropped"),
    ("done", "in_progress"),
    ("dropped", "proposed"),
    ("dropped", "in_progress"),
}
MOVES = [(a, b) for a, b in itertools.product(ActionStatus.values, repeat=2) if a != b]


def test_the_table_is_the_one_the_alliance_agreed():
    assert {(a, b) for a, targets in STATUS_TRANSITIONS.items() for b in targets} == ALLOWED
    assert set(STATUS_TRANSITIONS) == set(ActionStatus.values)


def _at(action: Action, status: str) -> Action:
    """Put an action at ``status`` directly (the constraints still hold)."""
    Action.objects.filter(pk=action.pk).update(
        status=status,
        completed_on=timezone.localdate() if status == ActionStatus.DONE else None,
        dropped_reason="No longer needed." if status == ActionStatus.DROPPED else "",
    )
    action.refresh_from_db()
    return action


@pytest.mark.parametrize(("current", "new"), sorted(ALLOWED))
def test_every_allowed_move_is_made(make_action, member, current, new):
    action = _at(make_action(), current)
    update = progress_update_create(
        user=member, action=action, text="Moving on.", status=new, reason="Funding withdrawn."
    )
    action.refresh_from_db()
    assert (update.status, action.status) == (new, new)
    assert (action.completed_on is not None) == (new == ActionStatus.DONE)
    assert bool(action.dropped_reason) == (new == ActionStatus.DROPPED)


@pytest.mark.parametrize(("current", "new"), sorted(set(MOVES) - ALLOWED))
def test_every_other_move_is_refused_with_a_message_and_nothing_changes(
    make_action, member, current, new
):
    action = _at(make_action(), current)
    assert not status_can_move(current, new)
    with pytest.raises(ValidationError) as error:
        progress_update_create(
            user=member, action=action, text="Try.", status=new, reason="Because."
        )
    message = error.value.message_dict["status"][0]
    assert message.startswith(f"A {ActionStatus(current).label.lower()} action cannot become")
    action.refresh_from_db()
    assert action.status == current and not action.updates.exists()


@pytest.mark.parametrize("status", ActionStatus.values)
def test_staying_at_a_status_is_progress_without_a_move(make_action, member, status):
    action = _at(make_action(), status)
    update = progress_update_create(user=member, action=action, text="News.", status=status)
    action.refresh_from_db()
    assert (update.status, action.status) == ("", status)  # no move recorded
    assert status in statuses_after(status)  # the form offers staying put


def test_dropping_needs_a_reason_which_the_action_keeps_until_taken_up_again(make_action, member):
    action = make_action()
    with pytest.raises(ValidationError) as error:
        progress_update_create(
            user=member, action=action, text="Stopping.", status=ActionStatus.DROPPED, reason=" "
        )
    assert error.value.message_dict == {"reason": ["Say why the action is being dropped."]}
    progress_update_create(
        user=member,
        action=action,
        text="Stopping.",
        status=ActionStatus.DROPPED,
        reason="  The national guidance now covers it.  ",
    )
    action.refresh_from_db()
    assert action.dropped_reason == "The national guidance now covers it."
    progress_update_create(
        user=member, action=action, text="Back on.", status=ActionStatus.IN_PROGRESS
    )
    action.refresh_from_db()
    assert (action.status, action.dropped_reason) == (ActionStatus.IN_PROGRESS, "")


def test_the_database_refuses_a_dropped_action_without_a_reason(make_action):
    action = make_action()
    action.status = ActionStatus.DROPPED
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_the_progress_form_offers_only_the_allowed_moves_and_asks_why(client, member, make_action):
    action = _at(make_action(), ActionStatus.IN_PROGRESS)
    client.force_login(member)
    url = reverse("alliance:action-progress", args=[action.pk])
    form = client.get(url).context["form"]
    assert [value for value, _ in form.fields["status"].choices] == [
        "in_progress",
        "done",
        "dropped",
    ]
    response = client.post(
        url,
        {
            "text": "Stopping.",
            "status": "dropped",
            **date_input_data("written_on", timezone.localdate()),
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content and "Say why the action is being dropped." in content
    refused = client.post(
        url,
        {
            "text": "Back.",
            "status": "proposed",
            **date_input_data("written_on", timezone.localdate()),
        },
    )
    assert refused.status_code == 400  # not offered, so refused by the form too
    dropped = client.post(
        url,
        {
            "text": "Stopping.",
            "status": "dropped",
            "reason": "Merged into the joint training.",
            **date_input_data("written_on", timezone.localdate()),
        },
    )
    assert dropped.status_code == 302
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Why it was dropped" in page and "Merged into the joint training." in page


def test_the_api_refuses_a_move_the_table_does_not_allow(api_client, member, make_action):
    action = _at(make_action(), ActionStatus.DONE)
    api_client.force_authenticate(member)
    url = f"/api/alliance/actions/{action.pk}/progress/"
    refused = api_client.post(url, {"text": "X", "status": "dropped"}, format="json")
    assert refused.status_code == 400
    assert "cannot become dropped" in refused.json()["status"][0]
    reopened = api_client.post(url, {"text": "More to do", "status": "in_progress"}, format="json")
    assert reopened.status_code == 201
    no_reason = api_client.post(url, {"text": "Stop", "status": "dropped"}, format="json")
    assert no_reason.json() == {"reason": ["Say why the action is being dropped."]}
    dropped = api_client.post(
        url, {"text": "Stop", "status": "dropped", "reason": "Funding ended."}, format="json"
    )
    assert dropped.status_code == 201
    assert api_client.get(f"/api/alliance/actions/{action.pk}/").json()["dropped_reason"] == (
        "Funding ended."
    )


def test_the_first_versions_statuses_are_converted(make_action, member):
    migration = importlib.import_module("alliance.migrations.0002_statuses_decisions_good_practice")
    planned, on_hold, withdrawn, silent = (make_action(title=t) for t in "ABCD")
    Action.objects.filter(pk=planned.pk).update(status="planned")
    Action.objects.filter(pk=on_hold.pk).update(status="on_hold")
    Action.objects.filter(pk__in=[withdrawn.pk, silent.pk]).update(status="withdrawn")
    held = ProgressUpdate.objects.create(
        action=on_hold, text="Waiting for funding.", status="on_hold", author=member
    )
    ProgressUpdate.objects.create(
        action=withdrawn, text="Another body leads this now.", status="withdrawn", author=member
    )
    migration.statuses_forwards(apps, None)
    statuses = dict(Action.objects.values_list("title", "status"))
    assert statuses == {"A": "proposed", "B": "in_progress", "C": "dropped", "D": "dropped"}
    assert Action.objects.get(title="C").dropped_reason == "Another body leads this now."
    assert Action.objects.get(title="D").dropped_reason == migration.NO_REASON
    held.refresh_from_db()
    assert (held.status, held.text) == ("", "On hold: Waiting for funding.")
    assert ProgressUpdate.objects.get(action=withdrawn).status == "dropped"
