"""A review's summary in a real browser: an analyst drafts it from the verified codings,
edits it and saves it; the public read it on the review page and in search results."""

import re

import pytest
from django.contrib.postgres.search import SearchVector
from django.utils import timezone
from playwright.sync_api import expect

from collation.models import Coding, DocumentPage, PracticeIssue, Recommendation
from tests.browser.keyboard import sign_in
from tests.browser.layout import on_a_phone
from tests.factories import TEST_PASSWORD, DocumentFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TEXT = "The health visitor did not pass on the referral about neglect to the school nurse."


@pytest.fixture
def coded_review(board, analyst):
    review = ReviewFactory(board=board, publish=True, title="Serious Case Review: Child S")
    document = DocumentFactory(review=review, page_count=1)
    DocumentPage.objects.create(document=document, number=1, text=TEXT)
    DocumentPage.objects.update(search_vector=SearchVector("text", config="english"))
    Coding.objects.create(
        document=document,
        page=1,
        excerpt="did not pass on the referral",
        issue=PracticeIssue.objects.get(code="C1"),
        coder=UserFactory(roles=["analyst"]),
        verification="agreed",
        verified_by=analyst,
        verified_at=timezone.now(),
    )
    Recommendation.objects.create(
        document=document,
        position=1,
        number=1,
        page=1,
        text="Recommendation 1: Referrals should be acknowledged within a day. Audit it.",
    )
    return review


def test_an_analyst_drafts_edits_and_saves_and_the_public_read_it(
    page, browser, live_server, analyst, coded_review, screenshot
):
    sign_in(page, live_server.url, analyst.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}{coded_review.get_absolute_url()}")
    page.get_by_role("link", name="Write the summary").click()
    summary = page.get_by_label("Summary")
    expect(summary).to_have_value(
        re.compile(
            r"^Learning themes include: .*\(C1\).*Recommendations include: Referrals should be "
            r"acknowledged within a day\.$",
            re.S,
        )
    )
    screenshot("summary-drafted")
    on_a_phone(page)

    summary.fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the review's summary")
    screenshot("summary-empty")

    page.get_by_role("button", name="Draft from the codings").click()
    expect(summary).to_contain_text("Learning themes include:")
    summary.fill("Learning themes include: referrals lost between agencies.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The review's summary has been saved.")).to_be_visible()

    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}{coded_review.get_absolute_url()}")
    expect(public.get_by_text("Learning themes include: referrals lost")).to_be_visible()
    expect(public.get_by_role("link", name="Change the summary")).to_have_count(0)
    public.goto(f"{live_server.url}/search/?q=neglect")
    expect(public.get_by_text("Learning themes include: referrals lost")).to_be_visible()
    public.context.close()
