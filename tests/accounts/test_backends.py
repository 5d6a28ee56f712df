"""Reading the signed-in user back: the user and their roles in one query."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from scr_platform.accounts.backends import RolesModelBackend
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import user_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "roles",
    [(), (Role.ANALYST,), (Role.LSCB_MANAGER, Role.LEAD_REVIEWER)],
    ids=["no role", "one role", "two roles"],
)
def test_the_user_comes_back_with_their_roles_in_one_query(roles, django_assert_num_queries):
    user = UserFactory()
    user.groups.add(*(Group.objects.get(name=role.label) for role in roles))
    with django_assert_num_queries(1):
        found = RolesModelBackend().get_user(user.pk)
        assert user_roles(found) == frozenset(roles)
    assert found == user


def test_an_administrator_by_flag_holds_the_administrator_role():
    user = UserFactory(is_superuser=True)
    assert Role.ADMINISTRATOR in user_roles(RolesModelBackend().get_user(user.pk))


def test_an_unknown_or_inactive_user_is_not_read_back():
    inactive = UserFactory(is_active=False)
    assert RolesModelBackend().get_user(inactive.pk) is None
    assert RolesModelBackend().get_user(inactive.pk + 1000) is None


def test_a_role_taken_away_takes_effect_on_the_next_request(client, analyst):
    client.force_login(analyst)
    page = reverse("collation:taxonomy")
    assert client.get(page).status_code == 200
    analyst.groups.clear()
    assert client.get(page).status_code == 403
