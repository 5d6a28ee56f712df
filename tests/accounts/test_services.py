import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import user_roles
from scr_platform.accounts.roles import ROLE_PERMISSIONS
from scr_platform.accounts.services import roles_sync, user_set_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_permissions():
    roles_sync()
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.label)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(permissions)


def test_roles_sync_removes_a_permission_added_by_hand():
    group = Group.objects.get(name=Role.ANALYST.label)
    group.permissions.add(*Group.objects.get(name=Role.ADMINISTRATOR.label).permissions.all())
    roles_sync()
    assert set(group.permissions.values_list("codename", flat=True)) == set()


def test_an_lscb_manager_must_belong_to_a_board():
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        user_set_roles(user=user, roles=[Role.LSCB_MANAGER], board=None)
    assert "must belong to a board" in str(error.value)
    user.refresh_from_db()
    assert user.groups.count() == 0


def test_user_set_roles_gives_exactly_those_roles(board):
    user = UserFactory(roles=[Role.ANALYST])
    user_set_roles(user=user, roles=[Role.LSCB_MANAGER, Role.LEAD_REVIEWER], board=board)
    user.refresh_from_db()
    assert user_roles(user) == {Role.LSCB_MANAGER, Role.LEAD_REVIEWER}
    assert user.board == board
    assert not user.is_staff


def test_administrators_and_only_they_reach_django_admin():
    user = UserFactory()
    user_set_roles(user=user, roles=[Role.ADMINISTRATOR])
    assert user.is_staff
    user_set_roles(user=user, roles=[Role.ANALYST])
    user.refresh_from_db()
    assert not user.is_staff
