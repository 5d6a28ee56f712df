"""Fixtures for the Alliance: member organisations, their representatives and actions."""

import pytest

from alliance.choices import Sector
from alliance.services import (
    action_create,
    action_publish,
    organisation_get_or_create,
    representative_appoint,
)
from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from tests.factories import UserFactory


@pytest.fixture
def rcpch(db):
    return organisation_get_or_create(
        name="Royal College of Paediatrics and Child Health",
        short_name="RCPCH",
        sector=Sector.PROFESSIONAL,
    )


@pytest.fixture
def police(db):
    return organisation_get_or_create(name="College of Policing", sector=Sector.POLICING)


@pytest.fixture
def adcs(db):
    return organisation_get_or_create(
        name="Association of Directors of Children's Services",
        short_name="ADCS",
        sector=Sector.LOCAL_GOVERNMENT,
    )


@pytest.fixture
def member(alliance_member, rcpch):
    """The fixture Alliance member, representing the RCPCH."""
    representative_appoint(user=alliance_member, organisation=rcpch)
    return alliance_member


@pytest.fixture
def police_member(police):
    user = UserFactory(username="police-rep", roles=[Role.ALLIANCE_MEMBER])
    representative_appoint(user=user, organisation=police)
    return user


@pytest.fixture
def adcs_member(adcs):
    user = UserFactory(username="adcs-rep", roles=[Role.ALLIANCE_MEMBER])
    representative_appoint(user=user, organisation=adcs)
    return user


def issues(*codes):
    return list(PracticeIssue.objects.filter(code__in=codes))


@pytest.fixture
def make_action(member):
    """Record an action as ``user`` (the RCPCH member unless given); publish it if asked."""

    def make(*, user=None, codes=("D7",), publish=False, **fields):
        user = user or member
        fields.setdefault("title", "Guidance on stating the certainty of a medical opinion")
        fields.setdefault("description", "Write it with the royal colleges and test it locally.")
        action = action_create(user=user, issues=issues(*codes), **fields)
        if publish:
            action_publish(user=user, action=action)
        return action

    return make
