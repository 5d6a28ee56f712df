import pytest
from django.contrib.auth.models import AnonymousUser

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator, user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_public_holds_no_role():
    assert user_roles(AnonymousUser()) == frozenset()
    assert not has_role(AnonymousUser(), [Role.ANALYST])


def test_a_user_can_hold_several_roles():
    user = UserFactory(roles=[Role.ANALYST, Role.LEAD_REVIEWER])
    assert user_roles(user) == {Role.ANALYST, Role.LEAD_REVIEWER}
    assert has_role(user, [Role.LEAD_REVIEWER])
    assert not has_role(user, [Role.ALLIANCE_MEMBER])


def test_administrators_pass_every_role_check(administrator):
    assert is_administrator(administrator)
    assert all(has_role(administrator, [role]) for role in Role)


def test_a_superuser_counts_as_an_administrator():
    user = UserFactory(is_superuser=True)
    assert is_administrator(user)


def test_a_deactivated_user_holds_no_role(analyst):
    analyst.is_active = False
    assert user_roles(analyst) == frozenset()


def test_roles_are_read_once_per_user_object(analyst, django_assert_num_queries):
    with django_assert_num_queries(1):
        user_roles(analyst)
        user_roles(analyst)
        has_role(analyst, [Role.ANALYST])
