"""Every change to the project's models is traced to who made it and when."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from scr_platform.accounts.models import Board

pytestmark = pytest.mark.django_db


def test_a_change_made_in_admin_records_who_what_and_when(client, administrator, board):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_board_change", args=[board.pk]),
        {"name": "Northshire Children's Partnership", "slug": board.slug, "region": "london"},
    )
    assert response.status_code == 302, response.content
    entry = LogEntry.objects.get_for_object(board).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == administrator
    assert entry.timestamp is not None
    assert entry.changes_dict["name"] == [
        "Northshire Safeguarding Children Board",
        "Northshire Children's Partnership",
    ]


def test_creation_and_deletion_are_recorded(db):
    board = Board.objects.create(name="Temporary Board", slug="temporary-board", region="london")
    pk = board.pk
    board.delete()
    actions = list(
        LogEntry.objects.filter(object_pk=str(pk), content_type__model="board")
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]


def test_a_password_change_is_recorded_without_the_password(administrator, analyst):
    analyst.set_password("another-long-password")
    analyst.save()
    entry = LogEntry.objects.get_for_object(analyst).order_by("-timestamp").first()
    assert "password" not in (entry.changes_dict or {})


def test_administrators_can_read_the_audit_log(client, administrator, board):
    client.force_login(administrator)
    response = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert response.status_code == 200
    assert board.name in response.content.decode()


def test_other_roles_cannot_reach_the_audit_log(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert response.status_code == 302  # admin sends non-staff to its own login
