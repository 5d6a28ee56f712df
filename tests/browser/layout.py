"""Layout checks a journey runs on the pages it reaches: nothing scrolls sideways on a
phone, and the header, content and footer share one left edge on a wide screen."""

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 720}  # Playwright's own default

_OVERFLOW = """() => {
  const describe = (element) => element.tagName.toLowerCase() + (element.className ?
    '.' + String(element.className).trim().split(/\\s+/).join('.') : '');
  // Beyond the page, or beyond the box holding it (a table cut off inside a scrolling
  // box counts too: its last column is out of sight).
  const wider = [...document.querySelectorAll('main table, main .app-table-wrapper')]
    .filter((element) => element.getBoundingClientRect().width >
      element.parentElement.clientWidth + 0.5 || element.scrollWidth > element.clientWidth + 0.5)
    .map((element) => `${describe(element)}: ${Math.round(element.scrollWidth)} px in ` +
      `${element.parentElement.clientWidth} px`);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: document.documentElement.clientWidth,
    wider,
  };
}"""

_LEFT_EDGES = """() => Object.fromEntries([
  ['header', '.govuk-service-navigation .govuk-width-container'],
  ['content', '#main-content'],
  ['footer', '.govuk-footer .govuk-width-container'],
].map(([part, selector]) => [
  part, document.querySelector(selector).getBoundingClientRect().left,
]))"""


def assert_no_sideways_scroll(page) -> None:
    """The page is no wider than the window (as at 375 px): nothing is cut off to the right."""
    found = page.evaluate(_OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"] and not found["wider"], (
        f"{page.url} is {found['scrollWidth']} px wide in a {found['innerWidth']} px window; "
        f"too wide: {found['wider']}"
    )


def on_a_phone(page, check=assert_no_sideways_scroll) -> None:
    """Look at the page as it is now at 375 px, check it, and go back to the desktop width."""
    page.set_viewport_size(PHONE)
    try:
        check(page)
    finally:
        page.set_viewport_size(DESKTOP)


def assert_header_lines_up(page) -> None:
    """The service name, the page's content and the footer start at the same left edge."""
    edges = page.evaluate(_LEFT_EDGES)
    assert len({round(edge) for edge in edges.values()}) == 1, f"{page.url}: {edges}"
