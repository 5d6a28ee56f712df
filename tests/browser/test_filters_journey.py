"""Filtering the reviews list and the trend grid in a real browser: with JavaScript the
results change in place (the address follows, the page is not reloaded, the back
button returns), and without it the same forms submit as ordinary GET forms."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from collation.services.trends import review_issues_rebuild
from scr_platform.accounts.choices import Region
from tests.collation.test_trends import review_showing
from tests.factories import BoardFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Set on the page's window: still there after a filter only if the page was not reloaded.
MARKER = "window.__filtersMarker"


@pytest.fixture
def reviews(board):
    coder = UserFactory(username="coder", roles=["analyst"])
    north = BoardFactory(name="Tyneside Board", region=Region.NORTH_EAST)
    review_showing(["C1"], published_on=date(2015, 3, 1), board=board, coder=coder)
    review_showing(["C1", "A1"], published_on=date(2015, 9, 1), board=north, coder=coder)
    review_showing(
        ["A1"], published_on=date(2016, 4, 1), board=board, coder=coder, incident="serious_harm"
    )
    ReviewFactory(board=board, title="A draft nobody outside sees", incident="death")
    review_issues_rebuild()


def _status(page):
    return page.locator("#main-content [role=status]").first


def _mark(page):
    page.evaluate(f"{MARKER} = 'not reloaded'")


def _not_reloaded(page) -> bool:
    return page.evaluate(MARKER) == "not reloaded"


def test_the_reviews_list_filters_in_place_and_back_returns(page, live_server, reviews, screenshot):
    page.goto(live_server.url + "/reviews/")
    expect(_status(page)).to_have_text("3 reviews")
    # Each value says how many reviews it gives; the draft is not counted.
    expect(page.get_by_label("Incident", exact=True)).to_contain_text("Death (2)")
    _mark(page)

    page.get_by_label("Incident", exact=True).select_option("death")
    expect(page).to_have_url(re.compile(r"/reviews/\?.*incident=death"))
    expect(_status(page)).to_have_text("2 reviews")
    assert _not_reloaded(page)
    # The regions are counted over deaths only; the incident list keeps its own counts.
    expect(page.get_by_label("Region", exact=True)).to_contain_text("North East (1)")
    expect(page.get_by_label("Incident", exact=True)).to_contain_text("Serious harm (1)")
    screenshot("reviews-filtered-in-place")

    region = page.get_by_label("Region", exact=True)
    region.focus()  # as a keyboard user would be
    region.select_option("north-east")
    expect(page).to_have_url(re.compile(r"region=north-east"))
    expect(_status(page)).to_have_text("1 review")
    expect(
        page.get_by_label("Region", exact=True)
    ).to_be_focused()  # focus stays on the changed filter
    assert _not_reloaded(page)

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"region=north-east"))
    expect(_status(page)).to_have_text("2 reviews")
    expect(page.get_by_label("Incident", exact=True)).to_have_value("death")
    assert _not_reloaded(page)
    screenshot("reviews-back")


def test_the_grid_filters_in_place_with_the_period_from_a_list(
    page, live_server, reviews, screenshot
):
    page.goto(live_server.url + "/trends/")
    expect(_status(page)).to_contain_text("All time: 3 published reviews")
    _mark(page)
    page.get_by_text("Choose the period and filter the reviews").click()
    period = page.get_by_label("Period", exact=True)
    options = [text.strip() for text in period.locator("option").all_inner_texts()]
    assert options == [
        "All time",
        "2016",
        "2016 first half",
        "2015",
        "2015 first half",
        "2015 second half",
    ]
    period.select_option(label="2015")
    expect(page).to_have_url(re.compile(r"/trends/\?.*period=2015(&|$)"))
    expect(_status(page)).to_contain_text("2015: 2 published reviews")
    assert _not_reloaded(page)
    screenshot("grid-filtered-in-place")

    page.get_by_label("Period", exact=True).select_option(label="2015 second half")
    expect(_status(page)).to_contain_text("Half-year 2 2015: 1 published review")
    expect(page).to_have_url(re.compile(r"period=2015-H2"))
    assert _not_reloaded(page)
    page.go_back()
    expect(_status(page)).to_contain_text("2015: 2 published reviews")
    assert _not_reloaded(page)


def test_without_javascript_the_filters_submit_as_a_form(browser, live_server, reviews):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/reviews/")
    page.get_by_label("Incident", exact=True).select_option("serious_harm")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/reviews/\?.*incident=serious_harm"))
    expect(_status(page)).to_have_text("1 review")
    expect(page.get_by_label("Incident", exact=True)).to_contain_text("Serious harm (1)")

    page.goto(live_server.url + "/trends/")
    page.get_by_text("Choose the period and filter the reviews").click()
    page.get_by_label("Period", exact=True).select_option(label="2016")
    page.get_by_role("button", name="Show figures").click()
    expect(page).to_have_url(re.compile(r"/trends/\?.*period=2016"))
    expect(_status(page)).to_contain_text("2016: 1 published review")
    context.close()


def test_search_answers_in_place_grouped_by_report(page, live_server, board, screenshot):
    from tests.collation.conftest import searchable_document

    many = searchable_document(
        board,
        [f"Neglect was seen on visit {number}." for number in range(1, 6)],
        title="A report with many pages",
    ).review
    searchable_document(board, ["Neglect, once."], title="A report with one page")
    page.goto(live_server.url + "/search/")
    _mark(page)
    page.get_by_label("Search the text of published reports").fill("neglect")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?.*q=neglect"))
    expect(_status(page)).to_have_text("6 pages found in 2 reports")
    expect(page).to_have_title("neglect – Search reports – SCR Learning Platform")
    expect(page.get_by_role("link", name="A report with many pages", exact=True)).to_have_count(1)
    expect(page.get_by_label("Incident", exact=True)).to_contain_text("Death (2)")
    assert _not_reloaded(page)
    screenshot("search-grouped")

    page.get_by_role("link", name=re.compile("^2 more pages in this report")).click()
    expect(page).to_have_url(re.compile(rf"review={many.pk}"))
    expect(_status(page)).to_have_text("5 pages found in this report")
    expect(page.get_by_text("Searching only in")).to_be_visible()
