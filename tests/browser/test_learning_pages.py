"""Learning material in Chromium: a training pack, a briefing for board members and a
national overview pass axe at 1280 and 375 px (charts named, tables beside them)."""

import re

import pytest

from collation.models import Audience, Coding
from collation.services.briefings import briefing_publish
from collation.services.learning import (
    briefing_audience_save,
    training_pack_publish,
    training_pack_save,
)
from tests.collation.test_learning import briefing, coded  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def _both_widths(page, screenshot, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(f"{name}-at-1280")
    page.set_viewport_size(PHONE)
    screenshot(f"{name}-at-375")


def test_the_learning_pages_read_well_on_screen(page, live_server, screenshot, analyst, briefing):  # noqa: F811
    briefing_publish(user=analyst, briefing=briefing)
    briefing_audience_save(
        user=analyst,
        briefing=briefing,
        audience=Audience.BOARD,
        what_to_do="Ask for the audit of referrals.",
        questions="Does this happen here?\nHow would the board know?",
    )
    pack = training_pack_save(
        user=analyst,
        issue=briefing.issues.get(),
        introduction="A referral was made and nobody acted on it.",
        questions="Does this happen here?",
        trainer_notes="Allow 20 minutes.",
        excerpts=Coding.objects.public()[:2],
    )
    training_pack_publish(user=analyst, pack=pack)

    page.goto(f"{live_server.url}/trends/issues/C1/")
    page.get_by_role("link", name="Training pack on C1").click()
    chart = page.get_by_role("img", name=re.compile("Share of published reviews showing C1"))
    assert chart.get_attribute("aria-describedby") == "pack-by-year"
    _both_widths(page, screenshot, "training-pack")

    page.goto(f"{live_server.url}{briefing.get_absolute_url()}")
    page.get_by_role("link", name="Board members", exact=True).click()
    assert page.get_by_role("heading", name="Does this happen here?").is_visible()
    _both_widths(page, screenshot, "briefing-for-board")

    page.goto(f"{live_server.url}/trends/?period=2016")
    page.get_by_role("link", name=re.compile("National overview")).click()
    assert page.url.endswith("/trends/overview/2016/")
    top = page.get_by_role("img", name=re.compile("The practice issues found most often"))
    assert top.get_attribute("aria-describedby") == "top-issues"
    _both_widths(page, screenshot, "overview")
