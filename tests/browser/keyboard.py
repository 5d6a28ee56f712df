"""Driving pages as a keyboard user does: Tab to a control, then keys."""

import re

from playwright.sync_api import expect

# What a screen reader would announce for the focused element: its label, else its text.
_FOCUSED = """() => {
    const el = document.activeElement;
    const name = (el.labels && el.labels.length) ? el.labels[0].innerText
        : (el.innerText || el.value || "");
    return [name, (el.type || el.tagName).toLowerCase()];
}"""


def tab_to(page, pattern: str, kind: str | None = None, limit: int = 150) -> None:
    """Press Tab until the focused element's label or text matches ``pattern``
    (and, if given, its kind: "radio", "checkbox", "a", "submit", "textarea"…)."""
    wanted = re.compile(pattern)
    page.wait_for_load_state()  # a key pressed before may still be loading the next page
    for _ in range(limit):
        page.keyboard.press("Tab")
        name, focused_kind = page.evaluate(_FOCUSED)
        if wanted.search(name) and kind in (None, focused_kind):
            return
    raise AssertionError(f"Tab never reached {pattern!r}")


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, "^ *Username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    activate(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page) -> None:
    tab_to(page, "^Sign out")
    activate(page)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def activate(page, key: str = "Enter") -> None:
    """Press a key on the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
