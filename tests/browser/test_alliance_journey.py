"""An Alliance member records an action on a practice issue, reports progress and
publishes it; the public then sees it on the issue's page and on the Alliance's."""

import pytest
from playwright.sync_api import expect

from alliance.choices import Sector
from alliance.services import organisation_get_or_create, representative_appoint
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member():
    user = UserFactory(
        username="alliance", first_name="Ali", last_name="Alliance", roles=["alliance_member"]
    )
    rcpch = organisation_get_or_create(
        name="Royal College of Paediatrics and Child Health",
        short_name="RCPCH",
        sector=Sector.PROFESSIONAL,
    )
    organisation_get_or_create(name="College of Policing", sector=Sector.POLICING)
    representative_appoint(user=user, organisation=rcpch)
    return user


def test_member_records_reports_and_publishes_an_action(page, live_server, member, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alliance")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server.url}/alliance/")
    expect(page.get_by_text("You represent")).to_contain_text("Royal College of Paediatrics")
    page.get_by_role("button", name="Record an action").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one")
    screenshot("mistakes")

    page.get_by_label("Title").fill("Guidance on how certain a medical opinion is")
    page.get_by_label("What will be done").fill("Paediatricians say how sure they are.")
    page.get_by_label("D7: Paediatric conclusion on cause of injury").check()
    page.get_by_label("College of Policing").check()
    page.get_by_label("Due by").fill("2030-06-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Guidance on how certain a medical opinion is")
    expect(page.get_by_text("Not published").first).to_be_visible()
    screenshot("recorded")

    page.get_by_role("button", name="Record progress").click()
    page.get_by_label("What has happened since the last update").fill("First draft is out.")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Action published")).to_be_visible()
    screenshot("published")
    page.get_by_role("button", name="Sign out").click()

    page.goto(f"{live_server.url}/trends/issues/D7/")
    panel = page.get_by_role("heading", name="What the Alliance is doing")
    expect(panel).to_be_visible()
    expect(page.get_by_role("link", name="Guidance on how certain")).to_be_visible()
    expect(
        page.get_by_text("Royal College of Paediatrics and Child Health with College")
    ).to_be_visible()
    screenshot("public-issue-page")

    page.goto(f"{live_server.url}/alliance/")
    expect(page.get_by_text("In progress").first).to_be_visible()
    page.get_by_role("link", name="Guidance on how certain").click()
    expect(page.get_by_text("First draft is out.")).to_be_visible()
    expect(page.get_by_text("Ali Alliance")).to_have_count(0)  # no names for the public
    screenshot("public-action")
