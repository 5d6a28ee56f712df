"""The demo data: an open round, the demo reviewer's public profile, application and log."""

import pytest

from masterclasses.demo import DEMO_ROUND, masterclasses_demo_seed
from masterclasses.models import Application, ApplicationRound, CpdActivity, ReviewerProfile
from masterclasses.selectors.catalogue import open_round
from scr_platform.accounts.demo import accounts_demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_once_however_often_it_runs():
    accounts_demo_seed()
    masterclasses_demo_seed()
    masterclasses_demo_seed()
    demo_round = ApplicationRound.objects.get(title=DEMO_ROUND)
    assert open_round() == demo_round
    assert demo_round.sessions.count() == 4
    assert demo_round.sessions.filter(online=True).count() == 1
    profile = ReviewerProfile.objects.get(user__username="reviewer")
    assert profile.visibility == "public" and profile.regions.count() == 2
    application = Application.objects.get()
    assert application.second_choice is not None
    assert CpdActivity.objects.filter(reviewer__username="reviewer").count() == 1
