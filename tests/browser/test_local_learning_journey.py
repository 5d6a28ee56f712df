"""A board's local learning in a real browser: a manager marks three practice issues "seen
here" on the board's own grid, adds a local action, and records the outcomes of two
recommendations of the board's published review (one not implemented, with its reason)."""

import re

import pytest
from playwright.sync_api import expect

from collation.models import LocalAction, LocalIssue, PracticeIssue, RecommendationOutcome
from tests.browser.keyboard import sign_in
from tests.collation.local_support import published_recommendations
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_marks_three_issues_seen_here_with_an_action_and_records_two_outcomes(
    page, live_server, manager, screenshot
):
    review, _ = published_recommendations(manager.board, title="Serious Case Review: Child O")
    issues = list(PracticeIssue.objects.filter(retired_at__isnull=True)[:3])
    sign_in(page, live_server.url, manager.username, TEST_PASSWORD)

    # 1. Three issues seen here, each with its evidence (the first without, at first).
    page.goto(f"{live_server.url}/boards/{manager.board.slug}/grid/")
    expect(page.get_by_role("heading", name="Does this happen here?")).to_be_visible()
    screenshot("grid")
    for n, issue in enumerate(issues):
        page.get_by_role("link", name=re.compile(f"^{issue.code}: ")).click()
        page.get_by_label("Seen here").check()
        if n == 0:
            page.get_by_role("button", name="Save answer").click()
            expect(page.get_by_role("alert")).to_contain_text(
                "Enter the evidence that it is seen here"
            )
            screenshot("answer-error")
        page.get_by_label("Evidence").fill(f"Our 2025 audit found it in {n + 3} cases.")
        page.get_by_role("button", name="Save answer").click()
        expect(page.get_by_text(f"Your answer for {issue.code} is saved")).to_be_visible()
    expect(page.get_by_text("Seen here", exact=True)).to_have_count(3)
    screenshot("grid-answered")

    # 2. A local action on the first.
    page.get_by_role("link", name=re.compile(f"^{issues[0].code}: ")).click()
    page.get_by_role("button", name="Add a local action").click()
    page.get_by_label("What will be done").fill("Audit how GP information reaches health visitors")
    page.get_by_label("Who is responsible").fill("Designated nurse")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name=re.compile("Audit how GP information"))).to_be_visible()
    screenshot("issue-with-action")

    # 3. Two recommendation outcomes, from the review's page.
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Recommendation outcomes")).click()
    expect(page.get_by_role("heading", name="Recommendation outcomes")).to_be_visible()
    page.get_by_role("link", name="Record an outcome of recommendation 1").click()
    page.get_by_label("In progress", exact=True).check()
    page.get_by_label("The agency's response").fill("Accepted: training for all GPs.")
    page.get_by_label("Evidence").fill("Training plan agreed in May.")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_text("Outcome of recommendation 1 recorded")).to_be_visible()
    page.get_by_role("link", name="Record an outcome of recommendation 2").click()
    page.get_by_label("Not implemented", exact=True).check()
    page.get_by_label("The agency's response").fill("Declined.")
    page.get_by_label("Evidence").fill("Letter from the trust, June.")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why it was not implemented")
    screenshot("outcome-error")
    page.get_by_label("Why it was not implemented").fill("The service it named has closed.")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_text("Outcome of recommendation 2 recorded")).to_be_visible()
    screenshot("outcomes")

    # 4. The national views: what the public sees, too few boards to show figures.
    page.goto(f"{live_server.url}/trends/local/")
    expect(page.get_by_text("Too few boards have answered so far")).to_be_visible()
    screenshot("national-grid")
    page.goto(f"{live_server.url}/trends/recommendations/outcomes/")
    expect(page.get_by_role("heading", name="Are recommendations implemented?")).to_be_visible()
    screenshot("national-outcomes")

    assert LocalIssue.objects.filter(board=manager.board, status="seen").count() == 3
    assert LocalAction.objects.filter(board=manager.board).count() == 1
    assert sorted(RecommendationOutcome.objects.values_list("status", flat=True)) == [
        "in_progress",
        "not_implemented",
    ]
