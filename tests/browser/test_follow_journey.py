"""Following in a real browser: a member of the public follows C7 from its issue page,
confirms from the e-mail, a review coded C7 is published and its coding verified,
``send_digests`` runs and the digest arrives (over a real SMTP server) with the review and
its summary; the follower then manages and unsubscribes from the links in it."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from collation.models import Coding, PracticeIssue
from collation.services.reviews import review_publish
from collation.services.verification import coding_verify
from tests.browser.keyboard import sign_in
from tests.browser.layout import DESKTOP, PHONE
from tests.factories import TEST_PASSWORD, DocumentFactory, ReviewFactory, UserFactory
from tests.smtp import html_part, text_part

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

READER = "reader@example.org"
SUMMARY = "Learning themes include: the decision to close the case was not recorded (C7)."


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _at_both_widths(page, screenshot, step: str) -> None:
    """The step at 1280 px (with axe and the 375 px layout check), and a phone's picture."""
    screenshot(step)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(screenshot.folder / f"{step}-375px.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_the_public_follow_c7_confirm_and_get_the_digest_with_the_new_review(
    page, live_server, smtp_server, board, manager, screenshot
):
    # 1. A member of the public follows C7 from its page.
    page.goto(f"{live_server.url}/trends/issues/C7/")
    page.get_by_role("link", name=re.compile("Follow this issue")).click()
    expect(page.get_by_role("heading", name="Follow what changes")).to_be_visible()
    expect(page.get_by_label("Practice issue", exact=True)).to_have_value("C7")
    page.get_by_label("Weekly").check()
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address in the correct")
    _at_both_widths(page, screenshot, "follow-error")
    page.get_by_label("Email address").fill(READER)
    _at_both_widths(page, screenshot, "follow-form")
    page.get_by_role("button", name="Send me a link to confirm").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    _at_both_widths(page, screenshot, "check-your-email")

    # 2. They confirm from the e-mail the SMTP server received.
    [confirmation] = smtp_server.to(READER)
    link = re.search(r"https?://\S+/follow/confirm/\S+/", text_part(confirmation))[0]
    page.goto(live_server.url + _path(link))
    _at_both_widths(page, screenshot, "confirm")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name=re.compile("You are following C7"))).to_be_visible()
    _at_both_widths(page, screenshot, "confirmed")

    # 3. A review coded C7 is published, and a second analyst verifies the coding.
    coder = UserFactory(username="coder", roles=["analyst"])
    verifier = UserFactory(username="verifier", roles=["analyst"])
    review = ReviewFactory(board=board, title="Serious Case Review: Child F", summary=SUMMARY)
    coding = Coding.objects.create(
        document=DocumentFactory(review=review),
        page=1,
        excerpt="the decision was not recorded",
        issue=PracticeIssue.objects.get(code="C7"),
        coder=coder,
    )
    review_publish(user=manager, review=review)
    coding_verify(user=verifier, coding=coding, agrees=True)

    # 4. Beat's daily run, once this week is over: the digest arrives, once.
    next_monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    call_command("send_digests", "--date", next_monday.isoformat())
    call_command("send_digests", "--date", next_monday.isoformat())
    digests = [m for m in smtp_server.to(READER) if "digest" in m["Subject"]]
    assert len(digests) == 1
    text = text_part(digests[0])
    assert "Serious Case Review: Child F" in text and SUMMARY in text
    assert "Serious Case Review: Child F" in html_part(digests[0])

    # 5. The links in it: manage what they follow, and unsubscribe without signing in.
    manage = re.search(r"https?://\S+/follow/manage/\S+/", text)[0]
    page.goto(live_server.url + _path(manage))
    expect(page.get_by_text(re.compile("^C7: "))).to_be_visible()
    _at_both_widths(page, screenshot, "manage")
    unsubscribe = re.search(r"<(\S+)>", digests[0]["List-Unsubscribe"])[1]
    page.goto(live_server.url + _path(unsubscribe))
    _at_both_widths(page, screenshot, "unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    _at_both_widths(page, screenshot, "unsubscribed")


def test_a_signed_in_user_follows_a_search_at_once_and_manages_it_from_their_account(
    page, live_server, smtp_server, analyst, screenshot
):
    sign_in(page, live_server.url, analyst.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/follow/?kind=search&q=neglect")
    expect(page.get_by_label("Email address")).to_have_count(0)  # the account's is used
    expect(page.get_by_label("Search words")).to_have_value("neglect")
    page.get_by_label("Quarterly").check()
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_text("You are following Reviews matching “neglect”.")).to_be_visible()
    _at_both_widths(page, screenshot, "mine")
    assert smtp_server.messages == []  # no confirmation: the account's address is known

    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_role("link", name="See and change what you follow").click()
    page.get_by_label("Monthly").check()
    page.get_by_role("button", name="Save how often").click()
    expect(page.get_by_text("You will get a monthly digest.")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Stop")).click()
    expect(page.get_by_text("You do not follow anything")).to_be_visible()
    _at_both_widths(page, screenshot, "mine-stopped")
