"""Defect 3 and the header: at 375 px no page scrolls sideways (the documents table on a
review page and the year table on an issue page once did), and on wide pages the header
lines up with the content."""

from datetime import date

import pytest

from collation.services.trends import review_issues_rebuild
from tests.browser.layout import DESKTOP, assert_header_lines_up, on_a_phone
from tests.collation.test_trends import review_showing
from tests.factories import TEST_PASSWORD, DocumentFactory, ReviewFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Serious Case Review: Child R, a girl aged three, and her brothers in Northshire"


@pytest.fixture
def reviews(board, manager):
    coder = UserFactory(username="coder", roles=["analyst"])
    for year in (2014, 2015, 2016, 2017):
        review_showing(["C1", "G2"], published_on=date(year, 3, 1), board=board, coder=coder)
    review_issues_rebuild()
    published = ReviewFactory(board=board, title=LONG_TITLE, publish=True)
    DocumentFactory(review=published, original_filename="overview-report-final-2016-03.pdf")
    draft = ReviewFactory(board=board, title=f"{LONG_TITLE} (draft)")
    DocumentFactory(review=draft, original_filename="overview-report-final-2016-03.pdf")
    return published, draft


def test_no_page_scrolls_sideways_on_a_phone(page, live_server, reviews, screenshot):
    published, draft = reviews
    public_pages = [
        "/",
        "/reviews/",
        "/search/?q=child",
        "/trends/",
        "/trends/issues/C1/",
        "/trends/local/",
        "/trends/recommendations/outcomes/",
        published.get_absolute_url(),
    ]
    for path in public_pages:
        page.goto(live_server.url + path)
        on_a_phone(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    for path in (draft.get_absolute_url(), "/reviews/", "/trends/issues/C1/"):
        page.goto(live_server.url + path)
        on_a_phone(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + draft.get_absolute_url())
    screenshot("review-page-at-375")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("path", ["/", "/trends/", "/reviews/"])
def test_the_header_lines_up_with_the_content_on_a_wide_screen(page, live_server, db, path):
    page.set_viewport_size({"width": 1680, "height": 1000})
    page.goto(live_server.url + path)
    assert_header_lines_up(page)
