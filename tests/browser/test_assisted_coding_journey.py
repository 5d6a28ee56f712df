"""Assisted coding, as analysts do it: analyst A codes a published report from the
worker's suggestions by keyboard (the journey counts keys and time); analyst B verifies,
disagreeing once; A resolves it; only then does the public grid count the review."""

import time

import pytest
from playwright.sync_api import expect

from collation.choices import FlagStatus
from collation.models import Coding, Suggestion
from collation.services.ingestion import document_ingest
from collation.services.personal_data import flag_decide
from collation.services.reviews import review_publish
from tests.collation.conftest import REPORTS, sample_truth
from tests.factories import TEST_PASSWORD, BoardFactory, ReviewFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = "scr_s1_002"


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def published(settings, tmp_path):
    """A published report, processed (tasks run in-process as each write commits)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    board = BoardFactory(name="Eastshire Safeguarding Children Board")
    manager = UserFactory(username="manager", roles=["lscb_manager"], board=board)
    review = ReviewFactory(board=board, title="Serious Case Review: Child M", reference="ES-1")
    with (REPORTS / f"{SAMPLE}.pdf").open("rb") as stream:
        document = document_ingest(
            user=manager,
            review=review,
            stream=stream,
            filename=f"{SAMPLE}.pdf",
            kind="overview_report",
        )
    for flag in document.personal_data_flags.filter(status=FlagStatus.OPEN):
        flag_decide(user=manager, flag=flag, decision=FlagStatus.REDACT)
    review_publish(user=manager, review=review)
    return review, document


def _grid_count(page, live_server, codes) -> int:
    grid = page.request.get(f"{live_server.url}/trends/grid.json").json()
    return sum(i["count"] for s in grid["stages"] for i in s["issues"] if i["code"] in codes)


def test_code_from_suggestions_verify_resolve_then_the_public_counts_it(
    page, live_server, published, screenshot
):
    review, document = published
    UserFactory(username="analyst-a", first_name="Alex", roles=["analyst"])
    UserFactory(username="analyst-b", first_name="Blair", roles=["analyst"])
    truth = {(f["page"], f["code"]) for f in sample_truth(SAMPLE)["findings"]}
    codes = {code for _, code in truth}
    assert Suggestion.objects.filter(document=document).exists()

    # Analyst A: from page 1, N jumps to the next page with suggestions; A accepts the
    # first suggestion, X rejects it (here: accepted when the report's finding agrees).
    _sign_in(page, live_server, "analyst-a")
    page.goto(f"{live_server.url}/reviews/{review.pk}/documents/{document.pk}/code/1/")
    screenshot("coding-page-1")
    keys, started = 0, time.monotonic()
    while True:
        left = page.locator(".app-suggestion").count()
        if not left:
            if not page.locator("#next-suggestions").count():
                break
            here = page.url
            page.keyboard.press("n")
            keys += 1
            expect(page).not_to_have_url(here, timeout=30_000)
            continue
        code = page.locator(".app-suggestion h3 a").first.inner_text().strip()
        number = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        page.keyboard.press("a" if (number, code) in truth else "x")
        keys += 1
        # Generous: each decision is a POST, a commit and a new page on a busy machine.
        expect(page.locator(".app-suggestion")).to_have_count(left - 1, timeout=30_000)
    seconds = time.monotonic() - started
    screenshot("coding-done")
    coded = Coding.objects.filter(document=document)
    assert coded.count() >= len(truth) * 0.6
    assert all(c.suggestion_id for c in coded)
    print(f"\nassisted coding: {coded.count()} codings, {keys} keys, {seconds:.1f} s")
    page.get_by_role("button", name="Sign out").click()

    # Nothing counts publicly yet: the grid says the review waits for verification.
    assert _grid_count(page, live_server, codes) == 0
    page.goto(f"{live_server.url}/trends/")
    expect(page.locator("#unverified")).to_contain_text("not yet verified")

    # Analyst B verifies: disagrees with the first coding, agrees with the rest.
    _sign_in(page, live_server, "analyst-b")
    page.goto(f"{live_server.url}/trends/verification/")
    page.get_by_role("link", name=review.title).click()
    screenshot("verification")
    first = page.locator(".app-verify").first
    first.locator("summary").click()
    first.get_by_label("Why do you disagree?").fill("This passage describes the history only.")
    first.get_by_role("button", name="Disagree", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("disagreed")
    while page.locator(".app-verify").count():
        page.locator(".app-verify").first.get_by_role("button", name="Agree").click()
        page.wait_for_load_state()
    screenshot("verified")
    page.get_by_role("button", name="Sign out").click()

    # Analyst A resolves the disagreement: keeps the coding, saying why.
    _sign_in(page, live_server, "analyst-a")
    page.goto(f"{live_server.url}/trends/verification/")
    page.locator("#disagreements ~ ul a").first.click()
    page.get_by_label("Keep the coding as it is").check()
    page.get_by_label("Why").fill("The finding is stated in this paragraph; see its last line.")
    screenshot("resolve")
    page.get_by_role("button", name="Record the resolution").click()
    expect(page.get_by_text("The disagreement is resolved and recorded.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # Now the public grid counts the review.
    assert _grid_count(page, live_server, codes) >= 1
    page.goto(f"{live_server.url}/trends/")
    expect(page.locator("#unverified")).to_have_count(0)
    screenshot("public-grid-counts-it")
