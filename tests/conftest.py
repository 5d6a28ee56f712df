"""Fixtures shared by the whole suite: a user per role, API clients."""

import pytest
from rest_framework.test import APIClient

from scr_platform.accounts.choices import Role
from tests.factories import BoardFactory, UserFactory


@pytest.fixture
def board(db):
    return BoardFactory(name="Northshire Safeguarding Children Board")


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Southshire Safeguarding Children Board")


@pytest.fixture
def manager(board):
    return UserFactory(username="manager", roles=[Role.LSCB_MANAGER], board=board)


@pytest.fixture
def other_manager(other_board):
    return UserFactory(username="other-manager", roles=[Role.LSCB_MANAGER], board=other_board)


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", roles=[Role.LEAD_REVIEWER])


@pytest.fixture
def analyst(db):
    return UserFactory(username="analyst", roles=[Role.ANALYST])


@pytest.fixture
def alliance_member(db):
    return UserFactory(username="alliance", roles=[Role.ALLIANCE_MEMBER])


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def user_for_role(manager, reviewer, analyst, alliance_member, administrator):
    """Look up the fixture user for a role, for tests parametrised by role."""
    users = {
        Role.LSCB_MANAGER: manager,
        Role.LEAD_REVIEWER: reviewer,
        Role.ANALYST: analyst,
        Role.ALLIANCE_MEMBER: alliance_member,
        Role.ADMINISTRATOR: administrator,
    }
    return users.__getitem__


@pytest.fixture
def api_client():
    return APIClient()
