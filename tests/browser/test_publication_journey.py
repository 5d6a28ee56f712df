"""An LSCB manager uploads a report, watches it processed by a real worker, clears the
personal data flags and publishes; the public then finds it by a phrase from page 7."""

import re

import pytest
from playwright.sync_api import expect

from tests.collation.conftest import REPORTS
from tests.factories import TEST_PASSWORD, BoardFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]


def test_upload_watch_clear_publish_and_find(page, live_server, start_worker, screenshot):
    board = BoardFactory(name="Northshire Safeguarding Children Board")
    UserFactory(username="manager", roles=["lscb_manager"], board=board)
    review = ReviewFactory(board=board, title="Serious Case Review: Child R", reference="NS-01")
    start_worker("journey")

    # Sign in as the board's manager.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    screenshot("draft-review")

    # Upload the overview report.
    page.get_by_label("Overview report").check()
    page.get_by_label("Upload PDF files").set_input_files(REPORTS / "scr_s1_001.pdf")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_text("Processing has started")).to_be_visible()
    screenshot("uploaded")

    # Watch: htmx polls the worker's progress, then reloads the page when done.
    expect(page.locator("#documents ~ table .govuk-tag").first).to_have_text("Done", timeout=60_000)
    expect(page.get_by_role("heading", name="Possible personal data")).to_be_visible()
    screenshot("processed")

    # Clear every flag (the sample's personal data is invented).
    cleared = 0
    while (link := page.get_by_role("link", name=re.compile(r"^Not personal data"))).count():
        link.first.click()
        page.get_by_label("Why is this not personal data?").fill("Invented sample data")
        page.get_by_role("button", name="Confirm it is not personal data").click()
        expect(page.get_by_text("marked as not personal data")).to_be_visible()
        cleared += 1
    assert cleared >= 5
    screenshot("flags-cleared")

    # Publish.
    page.get_by_role("button", name="Publish this review").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("is published. Anyone can now find it.")).to_be_visible()
    screenshot("published")
    page.get_by_role("button", name="Sign out").click()

    # The public searches for a phrase from page 7.
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("Search the text of published reports").fill('"Kiln Way"')
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 page found")
    result = page.get_by_role("link", name=re.compile("Open page 7 of the PDF"))
    expect(result).to_be_visible()
    assert result.get_attribute("href").endswith("#page=7")
    screenshot("found-by-the-public")
