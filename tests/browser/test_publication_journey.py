"""An LSCB manager uploads a report and watches a real worker process it; checks its
personal data by keyboard (redacting the invented personal details, keeping the
look-alikes), redacts a phrase the check missed by selecting it on its page, waits
for the public copy and publishes. The public's PDF and pages then hold none of the
redacted text, the original stays private, and search no longer finds it. Then the
manager withdraws the review, and it is gone from the public at once."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.collation.conftest import REPORTS, sample_truth
from tests.factories import TEST_PASSWORD, BoardFactory, ReviewFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

MISSED = "Castlefield Academy"  # page 7: the child's school, which the check cannot know


def _squashed(text: str) -> str:
    return " ".join(text.split())


def _sign_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _select_on_page(page, phrase: str) -> None:
    """Select ``phrase`` in the page text as a mouse would (a range, then mouseup)."""
    page.evaluate(
        """(phrase) => {
            const text = document.getElementById("page-text");
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const at = node.textContent.indexOf(phrase);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + phrase.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                text.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
                return;
            }
            throw new Error("phrase not on the page");
        }""",
        phrase,
    )


def _pdf_page_text(pdf, number: int) -> str:
    command = ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return _squashed(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _check_every_item(page, planted: set[str]) -> tuple[int, int]:
    """Decide each item by keyboard; returns (items decided, keys pressed)."""
    decided = keys = 0
    heading = page.locator("#flag-heading")
    while heading.count():
        text = re.search(r"“(.*)”", heading.inner_text(), re.S).group(1)
        left = int(page.locator("#check-progress strong").inner_text())
        if _squashed(text) in planted:
            key = "a" if page.locator("#redact-all").count() else "r"
            page.keyboard.press(key)
            keys += 1
        else:
            page.keyboard.press("1")  # "A professional named in their working role"
            page.keyboard.press("k")
            keys += 2
        page.wait_for_load_state()
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
        after = page.locator("#check-progress strong")
        decided += left - (int(after.inner_text()) if after.count() else 0)
    return decided, keys


def test_check_redact_publish_then_withdraw(page, live_server, start_worker, screenshot, tmp_path):
    board = BoardFactory(name="Northshire Safeguarding Children Board")
    UserFactory(username="manager", roles=["lscb_manager"], board=board)
    review = ReviewFactory(board=board, title="Serious Case Review: Child R", reference="NS-01")
    start_worker("journey")
    truth = sample_truth("scr_s1_001")
    planted = {_squashed(item["text"]) for item in truth["pii"]}

    _sign_in(page, live_server)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_label("Overview report").check()
    page.get_by_label("Upload PDF files").set_input_files(REPORTS / "scr_s1_001.pdf")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_text("Each document's status is shown below")).to_be_visible()
    expect(page.locator("#documents ~ div .govuk-tag").first).to_have_text("Done", timeout=60_000)
    screenshot("processed")

    # Check personal data, one item after another, by keyboard.
    page.get_by_role("button", name="Check personal data").click()
    screenshot("first-item")
    decided, keys = _check_every_item(page, planted)
    assert decided >= 9
    assert keys <= 2 * decided, (keys, decided)  # at most two actions an item
    expect(page.locator("#check-progress")).to_contain_text("checked")
    # The worker makes the public copy; the page reloads itself when it is ready.
    expect(page.get_by_text("Public copy ready")).to_be_visible(timeout=60_000)
    screenshot("all-checked")

    # Something the check missed: select it on its page and redact it.
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    first_page = page.get_by_role("link", name="Read the text").first.get_attribute("href")
    page.goto(f"{live_server.url}{first_page.replace('/pages/1/', '/pages/7/')}")
    _select_on_page(page, MISSED)
    expect(page.get_by_label("Text to redact")).to_have_value(MISSED)
    screenshot("missed-phrase-selected")
    page.get_by_role("button", name="Redact this text").click()
    expect(page.get_by_text(f"“{MISSED}” will be redacted from page 7")).to_be_visible()

    # The public copy is made by the worker; the check page shows it.
    page.goto(f"{live_server.url}/reviews/{review.pk}/personal-data/")
    expect(page.get_by_text("Public copy ready")).to_be_visible(timeout=60_000)
    screenshot("public-copy-ready")

    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("button", name="Publish this review").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("is published. Anyone can now find it.")).to_be_visible()
    file_url = page.locator("#documents ~ div a[href$='/file/']").first.get_attribute("href")
    page_url = f"{live_server.url}{file_url.replace('/file/', '/pages/7/')}"
    page.get_by_role("button", name="Sign out").click()

    # The public's copy, read by another program, and its pages: nothing redacted is left.
    public = page.request.get(f"{live_server.url}{file_url}")
    assert public.status == 200
    pdf = tmp_path / "public.pdf"
    pdf.write_bytes(public.body())
    for item in [*truth["pii"], {"text": MISSED, "page": 7}]:
        assert _squashed(item["text"]) not in _pdf_page_text(pdf, item["page"]), item
    page.goto(page_url)
    assert MISSED not in page.locator("#page-text").inner_text()
    screenshot("public-page-7")
    original = page.request.get(f"{live_server.url}{file_url}?version=original")
    assert original.status == 404  # the original stays private
    found = page.request.get(f"{live_server.url}/api/collation/search/?q=%22{MISSED}%22").json()
    assert 7 not in [hit["page"] for hit in found["results"]]

    # The manager withdraws it: gone from the public at once.
    _sign_in(page, live_server)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Withdraw this review from the public").click()
    page.get_by_label("Why are you withdrawing this review?").fill("A name was left in")
    screenshot("withdraw")
    page.get_by_role("button", name="Withdraw this review").click()
    expect(page.get_by_text("is withdrawn. The public can no longer see it.")).to_be_visible()
    screenshot("withdrawn")
    page.get_by_role("button", name="Sign out").click()
    assert page.request.get(f"{live_server.url}{review.get_absolute_url()}").status == 404
    assert page.request.get(f"{live_server.url}{file_url}").status == 404
    page.goto(f"{live_server.url}/reviews/")
    expect(page.get_by_text(review.title)).to_have_count(0)
    screenshot("gone-from-the-public")
