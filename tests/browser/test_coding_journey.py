"""An analyst codes three passages; the public grid counts them, the issue page quotes
them, and the grid prints on one landscape A3 sheet."""

import io
import re
from datetime import date

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import expect

from collation.choices import FlagStatus
from collation.models import Coding
from collation.services.personal_data import flag_decide
from collation.services.reviews import review_publish
from collation.services.verification import coding_verify
from tests.collation.conftest import REPORTS
from tests.factories import TEST_PASSWORD, BoardFactory, ReviewFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Three passages on page 12 of scr_s1_001.pdf (its findings), and their issues.
PASSAGES = [
    ("Two recording systems running in parallel", "G1"),
    ("services did not talk to each other", "G3"),
    ("Sexual health concerns were not treated as safeguarding concerns", "C5"),
]


@pytest.fixture
def published_report(settings, tmp_path, django_capture_on_commit_callbacks):
    from collation.services.ingestion import document_ingest

    settings.MEDIA_ROOT = tmp_path
    board = BoardFactory(name="Northshire Safeguarding Children Board")
    manager = UserFactory(roles=["lscb_manager"], board=board)
    review = ReviewFactory(
        board=board, title="Serious Case Review: Child R", publication_date=date(2016, 5, 1)
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        (REPORTS / "scr_s1_001.pdf").open("rb") as stream,
    ):
        document = document_ingest(
            user=manager,
            review=review,
            stream=stream,
            filename="report.pdf",
            kind="overview_report",
        )
    # Deciding through the service makes the public copy, as a manager's check does.
    with django_capture_on_commit_callbacks(execute=True):
        for flag in document.personal_data_flags.filter(status=FlagStatus.OPEN):
            flag_decide(
                user=manager, flag=flag, decision=FlagStatus.NOT_PERSONAL, reason="Invented"
            )
    review_publish(user=manager, review=review)
    return review, document


def test_analyst_codes_three_passages_and_the_public_sees_them(
    page, live_server, published_report, screenshot, tmp_path
):
    review, document = published_report
    UserFactory(username="analyst", roles=["analyst"])
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server.url}/reviews/{review.pk}/documents/{document.pk}/code/12/")
    for passage, code in PASSAGES:
        # Select the passage in the page text with the mouse: it fills the form.
        page.evaluate(
            """(passage) => {
                const text = document.getElementById('page-text');
                const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    const at = node.textContent.indexOf(passage);
                    if (at >= 0) {
                        const range = document.createRange();
                        range.setStart(node, at);
                        range.setEnd(node, at + passage.length);
                        const selection = window.getSelection();
                        selection.removeAllRanges();
                        selection.addRange(range);
                        text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                        return;
                    }
                }
                throw new Error('passage not found: ' + passage);
            }""",
            passage,
        )
        expect(page.get_by_label("Passage")).to_have_value(passage)
        # The issue list is a GOV.UK accessible autocomplete: type the code, pick it.
        page.get_by_role("combobox", name="Practice issue").fill(f"{code}:")
        page.locator("#id_issue__listbox li", has_text=re.compile(f"^{code}:")).first.click()
        page.get_by_role("button", name="Save coding").click()
        expect(page.get_by_text(f"Passage coded to {code}.")).to_be_visible()
    screenshot("three-codings")
    page.get_by_role("button", name="Sign out").click()

    # Unverified codings never count; a second analyst agrees with each (the
    # verification pages have their own journey, test_assisted_coding_journey).
    page.goto(f"{live_server.url}/trends/")
    expect(page.locator("#unverified")).to_contain_text("not yet verified")
    verifier = UserFactory(username="verifier", roles=["analyst"])
    for coding in Coding.objects.filter(document=document):
        coding_verify(user=verifier, coding=coding, agrees=True)

    page.goto(f"{live_server.url}/trends/")
    for _, code in PASSAGES:
        issue = page.locator(".app-trend-grid__issue", has_text=re.compile(rf"^\s*{code}\s"))
        expect(issue.locator(".app-trend-grid__figures")).to_contain_text("1 review · 100.0%")
    screenshot("public-grid")

    page.goto(f"{live_server.url}/trends/issues/C5/")
    expect(page.locator("blockquote")).to_contain_text(PASSAGES[2][0])
    link = page.get_by_role("link", name=re.compile("Serious Case Review: Child R, page 12"))
    assert link.get_attribute("href").endswith("#page=12")
    screenshot("issue-page")

    # The print layout puts the whole grid on one landscape A3 sheet.
    page.goto(f"{live_server.url}/trends/")
    pdf = page.pdf(format="A3", landscape=True, print_background=True)
    (tmp_path / "grid.pdf").write_bytes(pdf)
    printed = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        assert len(printed) == 1
        width, height = printed[0].get_size()
        assert width > height  # landscape
    finally:
        printed.close()
