"""Practitioners' voice in a real browser: a practitioner registers, confirms their
address by the link in the e-mail, contributes two causes and a solution; an analyst
approves a cause and the solution and rejects the other cause with a reason; the public
read the approved ones on the issue's page, never the rejected one, and the practitioner
sees why it was rejected."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from alliance.services import summit_round_open
from collation.models import PracticeIssue
from tests.browser.keyboard import sign_in, sign_out
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

EMAIL = "sam.jones@example.org"
PASSWORD = "a long unguessable passphrase"
CAUSE = "Referral forms ask for certainty we do not have after one home visit."
REJECTED = "The family at number 4 were known to everyone and nothing was done."
SOLUTION = "Talk a concern through with a named social worker before referring."


@pytest.fixture
def summit(analyst):
    return summit_round_open(
        user=analyst,
        issue=PracticeIssue.objects.get(code="C1"),
        title="Why do concerns go unshared?",
        question="What stops a concern being shared with another agency?",
    )


def _contribute(page, base: str, summit, name: str, text: str) -> None:
    page.goto(f"{base}{summit.get_absolute_url()}")
    page.get_by_role("link", name=name).click()
    page.get_by_label("Your contribution").fill(text)
    page.get_by_role("button", name="Send for checking").click()
    expect(page.get_by_text("Your contribution is waiting to be checked")).to_be_visible()


def test_a_practitioner_contributes_an_analyst_moderates_and_the_public_read_it(
    page, browser, live_server, analyst, summit, screenshot
):
    base = live_server.url
    page.goto(f"{base}/summits/")
    screenshot("summits")
    page.get_by_role("link", name="Register as a practitioner").click()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your name.")
    screenshot("register-errors")
    page.get_by_label("Your name").fill("Sam Jones")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Organisation you work for").fill("Northshire Children's Services")
    page.get_by_label("Children's social care").check()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    screenshot("check-email")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/summits/verify/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail address confirmed")
    screenshot("confirmed")

    sign_in(page, base, EMAIL, PASSWORD)
    page.goto(f"{base}{summit.get_absolute_url()}")
    page.get_by_role("link", name="Contribute a cause").click()
    expect(page.get_by_text("What happens to your contribution")).to_be_visible()
    page.get_by_role("button", name="Send for checking").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your contribution.")
    screenshot("contribute-empty")
    page.get_by_label("Your contribution").fill(CAUSE)
    page.get_by_role("button", name="Send for checking").click()
    expect(page.get_by_text("Your contribution is waiting to be checked")).to_be_visible()
    _contribute(page, base, summit, "Contribute a cause", REJECTED)
    screenshot("my-contributions-waiting")

    # The analyst moves the round on to solutions; the practitioner contributes one.
    desk = browser.new_context().new_page()
    sign_in(desk, base, analyst.username, TEST_PASSWORD)
    desk.goto(f"{base}{summit.get_absolute_url()}")
    desk.get_by_role("button", name="Move on to solutions").click()
    expect(desk.get_by_text("The round is now: Solutions.")).to_be_visible()
    _contribute(page, base, summit, "Contribute a solution", SOLUTION)

    # Nothing shows before it is checked.
    public = browser.new_context().new_page()
    public.goto(f"{base}/trends/issues/C1/")
    expect(public.get_by_text("No contribution has been approved yet.")).to_be_visible()

    # The analyst moderates (in this page, so that each step is screenshot and scanned).
    sign_out(page)
    sign_in(page, base, analyst.username, TEST_PASSWORD)
    page.goto(f"{base}/summits/moderation/")
    expect(page.get_by_text("Waiting: 3")).to_be_visible()
    screenshot("moderation-queue")
    cards = page.locator(".govuk-summary-card")
    cards.filter(has_text=CAUSE).get_by_role("button", name=re.compile("^Approve")).click()
    expect(page.get_by_text("Contribution approved.")).to_be_visible()
    cards.filter(has_text=SOLUTION).get_by_role("button", name=re.compile("^Approve")).click()
    cards.filter(has_text=REJECTED).get_by_role("link", name=re.compile("^Reject")).click()
    page.get_by_role("button", name="Reject it").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why the contribution is rejected.")
    screenshot("reject-without-reason")
    page.get_by_label("Why is it rejected?").fill("It could identify a family.")
    page.get_by_role("button", name="Reject it").click()
    expect(page.get_by_text("Waiting: 0")).to_be_visible()
    expect(page.get_by_text("Approved: 2")).to_be_visible()
    screenshot("moderation-done")

    # The public read the approved ones on the issue's page, anonymously.
    public.goto(f"{base}/trends/issues/C1/")
    expect(public.get_by_text(CAUSE)).to_be_visible()
    expect(public.get_by_text(SOLUTION)).to_be_visible()
    expect(public.get_by_text(REJECTED)).to_have_count(0)
    expect(public.get_by_text("Sam Jones")).to_have_count(0)
    expect(public.get_by_text("Northshire Children's Services")).to_have_count(0)

    # The practitioner sees why one was rejected.
    sign_out(page)
    sign_in(page, base, EMAIL, PASSWORD)
    page.goto(f"{base}/summits/mine/")
    expect(page.get_by_text("It could identify a family.")).to_be_visible()
    screenshot("my-contributions-moderated")
    sign_out(page)
    page.goto(f"{base}/trends/issues/C1/")
    expect(page.get_by_text(CAUSE)).to_be_visible()
    screenshot("issue-page")
