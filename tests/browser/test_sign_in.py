"""Sign in and out as each role in a real browser, by keyboard."""

import pytest
from playwright.sync_api import expect

from scr_platform.accounts.choices import Role
from tests.accounts.test_views import ROLE_NAVIGATION
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# The same links as the server-rendered test expects, one list for both.
EXPECTED_LINKS = ROLE_NAVIGATION


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_signs_in_sees_its_navigation_and_signs_out(
    page, live_server, user_for_role, role, screenshot
):
    user = user_for_role(role)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn from Serious Case Reviews")
    page.get_by_role("button", name="Sign in").click()

    # Keyboard only: type, tab, type, Enter.
    page.get_by_label("Username").fill(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")

    # Signing in lands on the work waiting for the user, one section per role.
    expect(page).to_have_url(live_server.url + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    expect(page.get_by_role("heading", level=2, name=role.label, exact=True)).to_be_visible()
    navigation = page.get_by_role("navigation", name="Menu")
    links = navigation.get_by_role("link").all_inner_texts()
    assert [text.strip() for text in links] == EXPECTED_LINKS[role]
    screenshot(f"signed-in-{role.value}")
    # At 375 px nothing scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(f"signed-in-{role.value}-375px")
    page.set_viewport_size({"width": 1280, "height": 800})

    navigation.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn from Serious Case Reviews")
    expect(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in")
    ).to_be_visible()


def test_a_wrong_password_shows_the_error_summary_and_focuses_it(
    page, live_server, analyst, screenshot
):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title("Error: Sign in – SCR Learning Platform")
    # GOV.UK Frontend's JavaScript moves focus to the summary.
    expect(summary).to_be_focused()
    screenshot("wrong-password")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_the_start_page_works_without_javascript(browser, live_server, db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    context.close()
