"""Your work in a real browser: a manager with work waiting, at 375 px and at 1280 px, by
keyboard and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from collation.choices import DocumentStatus
from collation.models import PersonalDataFlag
from tests.browser.keyboard import activate, sign_in, tab_to
from tests.factories import TEST_PASSWORD, DocumentFactory, ReviewFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LONG_TITLE = "Serious Case Review into the death of Child Q, aged 14 months, in Northshire"
LONG_FILENAME = "overview_report_final_version_approved_by_the_board_2015_03_12_redacted.pdf"


@pytest.fixture
def work(manager):
    flagged = ReviewFactory(board=manager.board, title=LONG_TITLE)
    document = DocumentFactory(review=flagged)
    for text in ("Jane Doe", "John Roe"):
        PersonalDataFlag.objects.create(document=document, page=1, kind="name", text=text)
    DocumentFactory(
        review=ReviewFactory(board=manager.board),
        status=DocumentStatus.FAILED,
        original_filename=LONG_FILENAME,
    )
    return flagged


def _no_sideways_scroll(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_manager_finds_their_work_and_follows_it_by_keyboard(
    page, live_server, manager, work, screenshot
):
    sign_in(page, live_server.url, manager.username, TEST_PASSWORD)
    expect(page).to_have_url(live_server.url + "/dashboard/")
    expect(page.get_by_role("heading", level=2, name="LSCB manager")).to_be_visible()
    expect(page.get_by_text("2 items to check")).to_be_visible()
    expect(page.get_by_text(LONG_FILENAME, exact=False)).to_be_visible()
    for width in (1280, 375):
        _no_sideways_scroll(page, width)
        screenshot(f"manager-work-{width}px")

    tab_to(page, LONG_TITLE, kind="a")
    activate(page)
    # The check opens at the first item to decide.
    expect(page).to_have_url(re.compile(rf"/reviews/{work.pk}/personal-data/\d+/$"))


def test_your_work_works_without_javascript(browser, live_server, manager, work):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/dashboard/")  # `next` brought them back
    page.get_by_role("link", name=f"{work.reference}: {LONG_TITLE}").click()
    # The check opens at the first item to decide.
    expect(page).to_have_url(re.compile(rf"/reviews/{work.pk}/personal-data/\d+/$"))
    context.close()
