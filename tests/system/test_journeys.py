"""Every role's journey, in Debian's Chromium, against the whole service.

One stack serves them all: gunicorn (production settings), a Celery worker and
beat over a private PostgreSQL and Redis, loaded with the demo data as
``seed_demo`` leaves it. The journeys run in order, each building on the last
as people would: the manager publishes a review, the analyst codes it and
writes a briefing, the public finds it all; a lead reviewer completes Quality
Markers and logs CPD; an Alliance member records an action the public then
sees; an administrator runs the masterclass allocation. Every step is
screenshotted and scanned by axe-core (tests/browser/plugin.py's
``screenshot``); the upload and the assessment are done by keyboard alone.
"""

import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from scr_platform.accounts.demo import DEMO_PASSWORD
from tests.browser.keyboard import activate, sign_in, sign_out, tab_to

from ._stack import SAMPLES, Stack, wait_for

pytestmark = [pytest.mark.system, pytest.mark.browser]

PASSWORD = DEMO_PASSWORD


def _query(stack: Stack, code: str):
    """Run ``code`` (which sets ``result``) in the stack's Django; return result from JSON."""
    output = stack.shell(f"import json\n{code}\nprint(json.dumps(result))")
    return json.loads(output.strip().splitlines()[-1])


_WORKER_IDLE = (
    "from collation.models import ReviewDocument\n"
    "result = not ReviewDocument.objects.filter(status='processing').exists()"
    " and not ReviewDocument.objects.filter(redaction_job__status__in="
    "['queued', 'queue_down', 'redacting', 'reading']).exists()"
)
# seed_demo leaves DEMO-001 a draft, for the manager's journey, and publishes the others.
_DEMO_PUBLISHED = (
    "from collation.models import Review\n"
    "result = not Review.objects.filter(reference__startswith='DEMO-')"
    ".exclude(reference='DEMO-001').exclude(status='published').exists()"
)


@pytest.fixture(scope="module")
def demo(
    private_postgres, private_redis, template_database, static_root, artifacts, tmp_path_factory
):
    """The whole service with the demo data, as `make run`'s demo but on the full stack."""
    name = "journeys"
    private_postgres.sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    stack = Stack(
        name=name,
        database_url=private_postgres.create_database(name, template=template_database),
        redis_url=private_redis.url(9),
        media_root=tmp_path_factory.mktemp("journeys-media"),
        static_root=static_root,
        logs=artifacts,
    )
    import redis

    redis.Redis.from_url(stack.redis_url).flushdb()
    stack.start_worker(concurrency=2)
    stack.start_beat()
    # With a real worker each run of seed_demo goes as far as the worker has: the
    # first imports the reports, the next decides their flags once they are read,
    # the next publishes them once their public copies are made, and codes them.
    for _ in range(4):
        stack.manage("seed_demo", "--force", timeout=600)
        wait_for(
            lambda: _query(stack, _WORKER_IDLE), timeout=180, what="the worker to finish the demo"
        )
        if _query(stack, _DEMO_PUBLISHED):
            break
    stack.manage("seed_demo", "--force", timeout=600)
    assert _query(stack, _DEMO_PUBLISHED), "the demo reports were not published"
    stack.start_web(workers=3)
    yield stack
    stack.stop_all()


def _review_id(stack: Stack, reference: str) -> int:
    return _query(
        stack,
        "from collation.models import Review\n"
        f"result = Review.objects.get(reference={reference!r}).pk",
    )


def test_manager_uploads_checks_personal_data_and_publishes_by_keyboard(page, demo, screenshot):
    review = _review_id(demo, "DEMO-001")
    sign_in(page, demo.base, "manager", PASSWORD)
    page.goto(f"{demo.base}/reviews/{review}/")
    screenshot("manager-draft-review")

    # Upload the action plan: the file chooser is the only thing a keyboard cannot
    # drive, so the file is given to the focused control.
    tab_to(page, "^ *Overview report", kind="radio")  # Tab enters the radio group; arrows choose
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Action plan")).to_be_checked()
    tab_to(page, "Upload PDF files")
    page.locator(":focus").set_input_files(SAMPLES / "bad" / "valid_report.pdf")
    tab_to(page, "^Upload$")
    activate(page)
    # (No screenshot while htmx polls: the page reloads itself when processing ends.)
    expect(page.get_by_text("Each document's status is shown below")).to_be_visible()
    expect(page.locator("#documents ~ div .govuk-tag").first).to_have_text("Done", timeout=90_000)
    screenshot("manager-processed")

    # Check the new document's personal data, item after item, by keyboard: the
    # demo's details are invented, but a manager redacts what looks personal (R).
    tab_to(page, "^Check personal data")
    activate(page)
    redacted = 0
    while page.locator("#flag-heading").count():
        # "A" redacts every occurrence of the same detail at once, where offered.
        activate(page, "a" if page.locator("#redact-all").count() else "r")
        redacted += 1
    assert redacted >= 1
    expect(page.locator("#check-progress")).to_contain_text("checked")
    # The worker makes the public copy; the page reloads itself when it is ready.
    expect(page.get_by_text("Public copy ready").first).to_be_visible(timeout=90_000)
    # Every copy made: no progress is polled any more, so no reload can cut the next step.
    expect(page.locator("[hx-trigger='every 1s']")).to_have_count(0, timeout=90_000)
    screenshot("manager-personal-data-checked")
    page.goto(f"{demo.base}/reviews/{review}/")

    tab_to(page, "^Publish this review")
    activate(page)
    screenshot("manager-publish-check")
    tab_to(page, "^Publish$")
    activate(page)
    expect(page.get_by_text("is published. Anyone can now find it.")).to_be_visible()
    screenshot("manager-published")
    sign_out(page)


def test_analyst_codes_a_passage_and_publishes_a_briefing(page, demo, screenshot):
    where = _query(
        demo,
        "from collation.models import DocumentPage\n"
        "page = DocumentPage.objects.filter(document__review__reference='DEMO-004',"
        " document__superseded_by=None, number=4).select_related('document').get()\n"
        "line = max((l.strip() for l in page.text.splitlines()), key=len)\n"
        "result = [page.document.review_id, page.document_id, line[:60]]",
    )
    review, document, passage = where
    sign_in(page, demo.base, "analyst", PASSWORD)
    page.goto(f"{demo.base}/reviews/{review}/documents/{document}/code/4/")
    screenshot("analyst-coding-page")
    page.get_by_label("Passage").fill(passage)
    # The issue list is a GOV.UK accessible autocomplete: type the code, pick it.
    page.get_by_role("combobox", name="Practice issue").fill("D3:")
    page.locator("#id_issue__listbox li", has_text=re.compile("^D3:")).first.click()
    page.get_by_role("button", name="Save coding").click()
    expect(page.get_by_text("Passage coded to D3.")).to_be_visible()
    screenshot("analyst-coded")

    page.goto(f"{demo.base}/briefings/new/")
    page.get_by_label("Title").fill("Working with fathers: what the reviews say")
    page.get_by_label("What the briefing says").fill(
        "Reviews keep finding that fathers and other men in the household were not assessed."
    )
    page.get_by_label(re.compile("^D3")).check()
    screenshot("analyst-briefing-form")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("button", name="Withdraw")).to_be_visible()
    screenshot("analyst-briefing-published")
    sign_out(page)


def test_public_searches_filters_and_reads_the_grid_an_issue_and_a_report(page, demo, screenshot):
    page.goto(f"{demo.base}/")
    screenshot("public-start")
    page.goto(f"{demo.base}/search/")
    # The address the manager redacted is on that page no more, for search either.
    page.get_by_label("Search the text of published reports").fill('"Kiln Way"')
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("0 pages found in 0 reports")
    page.get_by_label("Search the text of published reports").fill('"often went missing from home"')
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 page found in 1 report")
    screenshot("public-search")
    page.get_by_role("link", name=re.compile("Open page 7 of the PDF")).first.wait_for()

    page.goto(f"{demo.base}/reviews/")
    # Each region is listed with its count ("North East (1)"): chosen by its value.
    page.get_by_label("Region", exact=True).select_option("north-east")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name=re.compile("Child R"))).to_be_visible()
    screenshot("public-reviews-filtered")
    page.get_by_role("link", name=re.compile("Child R")).first.click()
    screenshot("public-review")
    page.get_by_role("link", name=re.compile("^Read the text")).first.click()
    screenshot("public-report-page")

    page.goto(f"{demo.base}/trends/")
    expect(page.locator(".app-trend-grid")).to_be_visible()
    screenshot("public-grid")
    # The analyst's D3 coding waits for a second analyst: said, not counted.
    page.goto(f"{demo.base}/trends/issues/D3/")
    expect(page.locator("#unverified")).to_contain_text("not yet verified")
    expect(page.locator("blockquote")).to_have_count(0)
    # The demo's own findings on DEMO-004 are verified: their excerpts show.
    page.goto(f"{demo.base}/trends/issues/C5/")
    expect(page.locator("blockquote").first).to_be_visible()
    screenshot("public-issue")
    page.goto(f"{demo.base}/briefings/")
    page.get_by_role("link", name="Working with fathers: what the reviews say").click()
    screenshot("public-briefing")


def test_lead_reviewer_completes_quality_markers_by_keyboard_and_logs_cpd(page, demo, screenshot):
    sign_in(page, demo.base, "reviewer", PASSWORD)
    page.goto(f"{demo.base}/quality-markers/assessments/new/")
    tab_to(page, "Which review")
    for _ in range(3):  # DEMO-004, the published review they lead
        if "DEMO-004" in page.locator("#id_review option:checked").inner_text():
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "Setting up the review")
    page.keyboard.press("Space")
    screenshot("reviewer-start-assessment")
    tab_to(page, "^Start$")
    activate(page)
    expect(page.get_by_role("heading", name="Setting up the review")).to_be_visible()
    screenshot("reviewer-task-list")
    tab_to(page, r"^1\. ")
    activate(page)
    while page.get_by_role("button", name="Save and continue").count():
        tab_to(page, "^ *Met$", kind="radio")  # Tab enters the group; an arrow moves on
        page.keyboard.press("ArrowDown")  # Partly met
        tab_to(page, "^Evidence")
        page.keyboard.type("Board minutes")
        tab_to(page, "Save and continue")
        activate(page)
    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    tab_to(page, "Submit the assessment")
    activate(page)
    expect(page.get_by_text("Assessment submitted.")).to_be_visible()
    screenshot("reviewer-assessment-summary")

    page.get_by_role("link", name="CPD log", exact=True).click()
    screenshot("reviewer-cpd-log")
    page.get_by_role("button", name="Add an activity").click()
    # Today is already in the date input's three boxes (never a date the browser refuses).
    activity_date = page.get_by_role("group", name="Date of the activity")
    expect(activity_date.get_by_label("Day")).to_have_value(str(date.today().day))
    expect(activity_date.get_by_label("Month")).to_have_value(str(date.today().month))
    expect(activity_date.get_by_label("Year")).to_have_value(str(date.today().year))
    page.get_by_label("What was the activity?").fill(
        "Peer supervision with two other lead reviewers"
    )
    page.get_by_label("Kind of activity").select_option(label="Peer support or supervision")
    page.get_by_label("Hours").fill("2")
    page.get_by_label("Reflection (optional)").fill("Talked through the analysis chapter.")
    screenshot("reviewer-cpd-form")
    page.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_role("cell", name=re.compile("^Peer supervision with two"))).to_be_visible()
    screenshot("reviewer-cpd-saved")
    sign_out(page)


def test_alliance_member_records_an_action_the_public_then_sees(page, demo, screenshot):
    sign_in(page, demo.base, "alliance", PASSWORD)
    page.goto(f"{demo.base}/alliance/")
    screenshot("alliance-member-home")
    page.get_by_role("button", name="Record an action").click()
    page.get_by_label("Title").fill("Shared training on assessing fathers")
    page.get_by_label("What will be done").fill(
        "A joint module for health visitors and social workers."
    )
    page.get_by_label(re.compile("^C7:")).check()
    page.get_by_label(re.compile("^D3:")).check()
    due_by = page.get_by_role("group", name="Due by (optional)")  # the GOV.UK date input
    due_by.get_by_label("Day").fill("31")
    due_by.get_by_label("Month").fill("3")
    due_by.get_by_label("Year").fill("2030")
    screenshot("alliance-action-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action recorded.")).to_be_visible()
    page.get_by_role("button", name="Record progress").click()
    page.get_by_label("What has happened since the last update").fill("Module drafted.")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Progress recorded.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Action published")).to_be_visible()
    screenshot("alliance-action-published")
    sign_out(page)

    for code in ("C7", "D3"):
        page.goto(f"{demo.base}/trends/issues/{code}/")
        expect(
            page.get_by_role("link", name="Shared training on assessing fathers")
        ).to_be_visible()
    expect(page.get_by_text("Module drafted.")).to_be_visible()
    screenshot("alliance-public-issue")


def test_administrator_runs_the_masterclass_allocation(page, demo, screenshot):
    sign_in(page, demo.base, "admin", PASSWORD)
    page.goto(f"{demo.base}/masterclasses/")
    page.get_by_role("link", name="Application rounds and allocation").click()
    page.get_by_role("link", name=re.compile("Spring masterclasses")).click()
    page.get_by_role("button", name="Close applications now").click()
    expect(page.get_by_role("heading", name=re.compile("Close applications for"))).to_be_visible()
    screenshot("admin-close-applications")
    page.get_by_role("button", name="Yes, close applications").click()
    expect(page.get_by_text("Applications are closed.")).to_be_visible()
    page.get_by_label("Seed for the draw (optional)").fill("2016")
    page.get_by_role("button", name="Run the allocation").click()
    expect(page.get_by_role("heading", name=re.compile("Check the allocation"))).to_be_visible()
    screenshot("admin-allocation-preview")
    page.get_by_role("button", name="Confirm these places").click()
    expect(page.get_by_text("Places are confirmed.")).to_be_visible()
    screenshot("admin-allocation-confirmed")
    sign_out(page)

    # The demo reviewer applied: they see the outcome.
    sign_in(page, demo.base, "reviewer", PASSWORD)
    page.goto(f"{demo.base}/masterclasses/yours/")
    expect(page.get_by_text(re.compile("You have a place|waiting list")).first).to_be_visible()
    screenshot("reviewer-masterclass-outcome")
