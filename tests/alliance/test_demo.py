"""The Alliance's demo data: loads on top of the demo users, and again without duplicating."""

import pytest
from django.test import Client

from alliance.demo import alliance_demo_seed
from alliance.models import (
    Action,
    Decision,
    GoodPractice,
    Meeting,
    Organisation,
    ProgressUpdate,
    WorkingGroup,
)
from scr_platform.accounts.demo import DEMO_PASSWORD, accounts_demo_seed
from scr_platform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_alliance_loads_once_and_the_demo_member_can_use_it():
    accounts_demo_seed()
    lines = alliance_demo_seed()
    assert "represents the RCPCH" in lines[0]
    counts = (Organisation.objects.count(), Action.objects.count(), Meeting.objects.count())
    assert counts == (6, 3, 1)
    assert WorkingGroup.objects.count() == 1 and ProgressUpdate.objects.count() == 1
    # Each action came from one of the meeting's decisions; one decision is still open.
    assert Decision.objects.filter(action__isnull=False).count() == 3
    assert Decision.objects.filter(action__isnull=True).count() == 1
    assert GoodPractice.objects.count() == 2
    alliance_demo_seed()
    assert (Decision.objects.count(), GoodPractice.objects.count()) == (4, 2)
    assert (Organisation.objects.count(), Action.objects.count(), Meeting.objects.count()) == counts

    client = Client()
    demo_member = User.objects.get(username="alliance")
    assert demo_member.check_password(DEMO_PASSWORD)
    client.force_login(demo_member)
    page = client.get("/alliance/").content.decode()
    assert "You represent" in page and "Record an action" in page
    # The ADCS draft is not the RCPCH's: the demo member does not see it.
    assert "Audit of referral forms" not in page
    issue_page = Client().get("/trends/issues/D7/").content.decode()
    assert "Guidance for paediatricians" in issue_page
    assert "Paediatricians say how certain they are, in writing" in issue_page
