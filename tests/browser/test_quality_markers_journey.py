"""A lead reviewer completes a retrospective Quality Markers assessment of a demo review
by keyboard alone; the board's manager sees it, another board cannot, and the national
summary counts it only once the board shares."""

import re

import pytest
from playwright.sync_api import expect

from collation.demo import collation_demo_seed
from quality_markers.demo import quality_markers_demo_seed
from quality_markers.models import Assessment
from quality_markers.selectors import assessment_markers
from quality_markers.services import board_sharing_set
from scr_platform.accounts.choices import Role
from scr_platform.accounts.demo import DEMO_PASSWORD, accounts_demo_seed
from scr_platform.accounts.models import User
from scr_platform.disclosure import hidden_reason
from tests.factories import TEST_PASSWORD, BoardFactory, UserFactory

from .keyboard import sign_in, sign_out, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_retrospective_assessment_by_keyboard(page, live_server, screenshot):
    accounts_demo_seed()
    collation_demo_seed()
    quality_markers_demo_seed()
    manager = User.objects.get(username="manager")
    board_sharing_set(user=manager, board=manager.board, shares_nationally=False)
    other_board = BoardFactory(name="Southshire Safeguarding Children Board")
    UserFactory(username="southshire", roles=[Role.LSCB_MANAGER], board=other_board)
    url = live_server.url

    page.goto(f"{url}/quality-markers/national/")
    expect(page.get_by_text("No board has shared a submitted assessment yet.")).to_be_visible()

    # The demo lead reviewer starts a retrospective assessment of the demo draft review.
    sign_in(page, url, "reviewer", DEMO_PASSWORD)
    page.goto(f"{url}/quality-markers/assessments/new/")
    tab_to(page, "Which review")
    page.keyboard.press("ArrowDown")  # the first review they lead: DEMO-001
    expect(page.get_by_label("Which review")).to_have_value(re.compile(r"\d+"))
    tab_to(page, "Setting up the review")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Looking back (retrospective)
    tab_to(page, "Lead reviewer")
    page.keyboard.press("Space")
    screenshot("start")
    tab_to(page, "^Start")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Looking back (retrospective)")).to_be_visible()
    assessment = Assessment.objects.get(author__username="reviewer")
    assert assessment.review.reference == "DEMO-001"
    screenshot("task-list")

    # Every marker, by keyboard: rating, evidence, then "Save and continue" to the next.
    tab_to(page, r"^1\. Referral")
    page.keyboard.press("Enter")
    for number in range(1, 19):
        expect(page.locator("h1")).to_contain_text(f"{number}. ")
        tab_to(page, "^ *Met")
        page.keyboard.press("Space")
        if number == 3:
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")  # Not met
        tab_to(page, "Evidence")
        page.keyboard.type(f"Evidence for marker {number}")
        if number == 1:
            screenshot("marker-1")
        if number == 9:
            # Half-way: save, sign out, and come back to it.
            tab_to(page, "Save and come back later")
            page.keyboard.press("Enter")
            expect(page.get_by_text("Your answers are saved. Come back")).to_be_visible()
            sign_out(page)
            sign_in(page, url, "reviewer", DEMO_PASSWORD)
            page.goto(f"{url}/quality-markers/assessments/{assessment.pk}/")
            expect(page.get_by_text("Evidence for marker 9")).to_have_count(0)  # task list only
            tab_to(page, r"^10\. ")
            page.keyboard.press("Enter")
            continue
        tab_to(page, "Save and continue")
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    screenshot("check-answers")
    tab_to(page, "Submit the assessment")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Assessment submitted.")).to_be_visible()
    screenshot("summary")
    # The summary prints on one A4 sheet (the print styles drop the service's chrome).
    pdf = page.pdf(prefer_css_page_size=True, path=str(screenshot.folder / "summary.pdf"))
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    assessment.refresh_from_db()
    assert not assessment.is_draft
    rows = assessment_markers(assessment=assessment).all
    assert all(row.rating for row in rows)
    assert rows[2].rating.rating == "not_met"
    sign_out(page)

    # The board's manager sees it on the board's list, and compares it with set-up.
    sign_in(page, url, "manager", DEMO_PASSWORD)
    page.goto(f"{url}/quality-markers/assessments/")
    expect(page.get_by_role("link", name=re.compile("DEMO-001")).first).to_be_visible()
    page.goto(f"{url}/quality-markers/assessments/{assessment.pk}/")
    page.get_by_role("link", name=re.compile("Setting up the review by")).click()
    expect(page.get_by_role("heading", name="Compare two assessments")).to_be_visible()
    screenshot("compare")
    sign_out(page)

    # Another board's manager cannot see that it exists.
    sign_in(page, url, "southshire", TEST_PASSWORD)
    response = page.goto(f"{url}/quality-markers/assessments/{assessment.pk}/")
    assert response.status == 404
    page.goto(f"{url}/quality-markers/assessments/")
    expect(page.get_by_text("DEMO-001")).to_have_count(0)
    sign_out(page)

    # Not shared yet: the national summary leaves it out; shared, it counts.
    page.goto(f"{url}/quality-markers/national/")
    expect(page.get_by_text("No board has shared a submitted assessment yet.")).to_be_visible()
    sign_in(page, url, "manager", DEMO_PASSWORD)
    page.goto(f"{url}/quality-markers/boards/{manager.board_id}/")
    tab_to(page, "No, keep them")  # Tab reaches the chosen radio; arrows change it
    page.keyboard.press("ArrowUp")
    tab_to(page, "Save your choice")
    page.keyboard.press("Enter")
    expect(page.get_by_text("now count in the national summary")).to_be_visible()
    screenshot("board-summary")
    sign_out(page)
    page.goto(f"{url}/quality-markers/national/")
    # The demo board's set-up assessment and this one: one board, so every figure is hidden.
    expect(page.get_by_text(hidden_reason())).to_be_visible()
    expect(page.get_by_text("From 2 submitted assessments")).to_have_count(0)
    screenshot("national")
