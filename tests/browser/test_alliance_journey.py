"""An Alliance member records an action on two practice issues, reports progress,
publishes it and records good practice; the public then sees both on the issues'
pages, with a feed to follow. A member of another organisation cannot change the
action; an administrator can."""

import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from alliance.choices import Sector
from alliance.services import organisation_get_or_create, representative_appoint
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    member = UserFactory(
        username="alliance", first_name="Ali", last_name="Alliance", roles=["alliance_member"]
    )
    other = UserFactory(
        username="adcs", first_name="Ada", last_name="Directors", roles=["alliance_member"]
    )
    UserFactory(username="ada", first_name="Ada", last_name="Admin", roles=["administrator"])
    rcpch = organisation_get_or_create(
        name="Royal College of Paediatrics and Child Health",
        short_name="RCPCH",
        sector=Sector.PROFESSIONAL,
    )
    organisation_get_or_create(name="College of Policing", sector=Sector.POLICING)
    adcs = organisation_get_or_create(
        name="Association of Directors of Children's Services",
        short_name="ADCS",
        sector=Sector.LOCAL_GOVERNMENT,
    )
    representative_appoint(user=member, organisation=rcpch)
    representative_appoint(user=other, organisation=adcs)
    return member


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_member_records_reports_and_publishes_an_action(page, live_server, people, screenshot):
    sign_in(page, live_server, "alliance")
    page.goto(f"{live_server.url}/alliance/")
    expect(page.get_by_text("You represent")).to_contain_text("Royal College of Paediatrics")
    screenshot("alliance-for-a-member")
    page.get_by_role("button", name="Record an action").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one")
    screenshot("mistakes")

    # Two practice issues, a partner, a due date: typed and chosen by keyboard.
    page.get_by_label("Title").fill("Guidance on how certain a medical opinion is")
    page.get_by_label("What will be done").fill("Paediatricians say how sure they are.")
    page.get_by_label("D7: Paediatric conclusion on cause of injury").focus()
    page.keyboard.press("Space")
    page.get_by_label("D5:", exact=False).first.check()
    page.get_by_label("College of Policing").check()
    due_by = page.get_by_role("group", name="Due by (optional)")  # the GOV.UK date input
    due_by.get_by_label("Day").fill("30")
    due_by.get_by_label("Month").fill("6")
    due_by.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Guidance on how certain a medical opinion is")
    expect(page.get_by_text("Not published").first).to_be_visible()
    screenshot("recorded")

    page.get_by_role("button", name="Record progress").click()
    page.get_by_label("What has happened since the last update").fill("First draft is out.")
    page.get_by_label("In progress").check()
    screenshot("progress-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Action published")).to_be_visible()
    action_url = page.url
    screenshot("published")

    # Good practice, from the Alliance's page.
    page.goto(f"{live_server.url}/alliance/")
    page.get_by_role("button", name="Record good practice").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what worked.")
    screenshot("good-practice-mistakes")
    page.get_by_label("Title").fill("Certainty stated in every medical report")
    page.get_by_label("What worked").fill(
        "Each report ends with how certain the paediatrician is; social workers knew what "
        "to ask next."
    )
    page.get_by_label("Where it worked").fill("A hospital trust in the North West")
    page.get_by_label("D7: Paediatric conclusion on cause of injury").check()
    page.get_by_label("Links (optional)").fill("https://example.org/evaluation")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Good practice saved.")).to_be_visible()
    screenshot("good-practice")
    page.get_by_role("button", name="Sign out").click()

    # The public: both issue pages show the action; D7 shows the good practice and a feed.
    page.goto(f"{live_server.url}/trends/issues/D7/")
    expect(page.get_by_role("heading", name="What the Alliance is doing")).to_be_visible()
    expect(page.get_by_role("link", name="Guidance on how certain")).to_be_visible()
    expect(
        page.get_by_text("Royal College of Paediatrics and Child Health with College")
    ).to_be_visible()
    expect(page.get_by_text("First draft is out.")).to_be_visible()  # the latest update
    expect(page.get_by_role("heading", name="Good practice")).to_be_visible()
    good_practice = page.get_by_role("link", name="Certainty stated in every medical report")
    expect(good_practice).to_be_visible()
    feed = page.get_by_role("link", name="Atom feed")
    expect(feed).to_have_attribute("href", "/alliance/issues/D7/updates.atom")
    screenshot("public-issue-page")
    atom = page.request.get(f"{live_server.url}/alliance/issues/D7/updates.atom")
    assert atom.ok and "atom" in atom.headers["content-type"]
    entries = ET.fromstring(atom.body()).findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}summary") for e in entries] == [
        "First draft is out."
    ]
    page.goto(f"{live_server.url}/trends/issues/D5/")
    expect(page.get_by_role("link", name="Guidance on how certain")).to_be_visible()

    page.goto(f"{live_server.url}/alliance/")
    expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).to_have_count(1)
    expect(page.get_by_text("In progress").first).to_be_visible()
    screenshot("public-alliance")
    page.get_by_role("link", name="Guidance on how certain").first.click()
    expect(page.get_by_text("First draft is out.")).to_be_visible()
    expect(page.get_by_text("Ali Alliance")).to_have_count(0)  # no names for the public
    screenshot("public-action")

    # A member of another organisation sees it but cannot change it.
    sign_in(page, live_server, "adcs")
    page.goto(action_url)
    expect(page.get_by_role("button", name="Record progress")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the details")).to_have_count(0)
    response = page.goto(f"{action_url}edit/")
    assert response.status == 403
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()

    # An administrator can.
    sign_in(page, live_server, "ada")
    page.goto(action_url)
    page.get_by_role("link", name="Change the details").click()
    page.get_by_label("Title").fill("Guidance on how certain a medical opinion is (v2)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action changed.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Guidance on how certain a medical opinion is (v2)")
    screenshot("changed-by-an-administrator")


def test_a_meetings_decision_becomes_an_action_and_overdue_work_is_listed(
    page, live_server, people, screenshot
):
    import datetime

    from alliance.models import Action
    from alliance.services import action_create, meeting_save
    from collation.models import PracticeIssue

    meeting = meeting_save(
        user=people,
        title="Fourth Alliance meeting",
        held_on=datetime.date(2016, 6, 1),
        issues=list(PracticeIssue.objects.filter(code__in=["D2", "D7"])),
        notes="Health opinions are rarely challenged.",
    )
    late = action_create(
        user=people,
        title="Audit of strategy meeting minutes",
        description="Check who challenged what.",
        issues=list(PracticeIssue.objects.filter(code="D5")),
        due_on=datetime.date.today() - datetime.timedelta(days=12),
    )
    sign_in(page, live_server, "alliance")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Add a decision").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what was decided.")
    page.get_by_label("What was decided").fill("The RCPCH drafts guidance on certainty.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision saved.")).to_be_visible()
    screenshot("meeting-with-a-decision")

    page.get_by_role("link", name="Make this decision an action").click()
    expect(page.get_by_label("Title")).to_have_value("The RCPCH drafts guidance on certainty.")
    expect(page.get_by_label("D7: Paediatric conclusion on cause of injury")).to_be_checked()
    screenshot("action-from-a-decision")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    expect(page.get_by_text("Made from the decision")).to_be_visible()
    page.get_by_role("link", name="Fourth Alliance meeting").click()
    expect(page.get_by_text("Became the action")).to_be_visible()
    assert Action.objects.get(decision__meeting=meeting).meeting == meeting

    page.goto(f"{live_server.url}/alliance/")
    page.get_by_role("link", name="See the overdue actions").click()
    row = page.get_by_role("row", name=late.title)
    expect(row).to_contain_text("12")
    screenshot("overdue")
