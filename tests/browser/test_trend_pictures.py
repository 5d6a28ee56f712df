"""The trend pictures in Chromium: the shaded grid and an issue's chart pass axe at
1280 and 375 px, the grid keeps its shading on its one A3 sheet, and printed pages
leave out link addresses."""

import io
import re

import pypdfium2 as pdfium
import pytest

from tests.collation.test_trend_pictures import shares  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("shares"),
]

PHONE = {"width": 375, "height": 740}
LINK_ADDRESS = re.compile(r"\((/|https?://)")


def _pdf_pages_text(pdf: bytes) -> list[str]:
    printed = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        return [printed[index].get_textpage().get_text_range() for index in range(len(printed))]
    finally:
        printed.close()


def test_the_grid_is_shaded_by_share_on_screen_and_on_its_a3_sheet(page, live_server, screenshot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/trends/?period=2016")
    cell = page.locator(".app-trend-grid__issue", has_text=re.compile(r"^\s*C4\s"))
    assert "app-share-band--5" in cell.get_attribute("class")
    assert cell.locator(".app-share-band__square--filled").count() == 5
    screenshot("grid-at-1280")
    page.set_viewport_size(PHONE)
    screenshot("grid-at-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    pages = _pdf_pages_text(page.pdf(format="A3", landscape=True, print_background=True))
    assert len(pages) == 1
    assert "40% or more" in pages[0]  # the key prints with the grid
    assert not LINK_ADDRESS.search(pages[0])
    # Printing keeps the darkest band's background (browsers drop backgrounds unless told).
    page.emulate_media(media="print")
    printed_style = cell.evaluate(
        "node => [getComputedStyle(node).backgroundColor, getComputedStyle(node).printColorAdjust]"
    )
    assert printed_style == ["rgb(11, 47, 92)", "exact"]


def test_an_issue_page_has_its_chart_and_prints_without_link_addresses(
    page, live_server, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/trends/issues/C1/")
    chart = page.get_by_role("img", name=re.compile("Share of published reviews showing C1"))
    assert chart.get_attribute("aria-describedby") == "share-by-year"
    assert page.locator("#share-by-year tbody tr").count() == chart.locator("rect").count() == 2
    screenshot("issue-at-1280")
    page.set_viewport_size(PHONE)
    box = chart.bounding_box()
    assert box["width"] <= 375 and box["height"] > 100  # scaled down, still legible
    screenshot("issue-at-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    pages = _pdf_pages_text(page.pdf(format="A4", print_background=True))
    text = "".join(pages)
    assert "Reviews that show it" in text and "Year of publication" in text
    assert not LINK_ADDRESS.search(text)
