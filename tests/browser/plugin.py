"""Browser tests (tests/browser, and the whole-service journeys in tests/system):
Debian's Chromium driven by Playwright. A plugin, loaded by tests/conftest.py,
so every folder shares the launch settings and the screenshot-and-axe step.

No browser can be downloaded here, so Playwright launches the system
Chromium. Without it the tests are skipped, unless REQUIRE_BROWSER is set
(as CI sets it), when they fail instead.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.browser.accessibility import BLOCKING, AccessibilityLog, axe_scan, describe
from tests.browser.layout import assert_no_sideways_scroll, on_a_phone

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", Path(__file__).parents[2] / "test-artifacts"))


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but Chromium is not at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


ACCESSIBILITY = AccessibilityLog()


@pytest.fixture
def screenshot(page, request):
    """At each step: a full-page screenshot under test-artifacts/, an axe scan, and the
    page looked at 375 px wide, where nothing may scroll sideways.

    The test fails at the end if any page it reached has a serious or critical
    WCAG 2.2 AA violation or is too wide for a phone; every scan is written beside
    the screenshots.
    """
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))
    blocking: list[dict] = []
    scans: list[dict] = []
    too_wide: list[str] = []

    def take(step: str) -> Path:
        path = folder / f"{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        violations = axe_scan(page)
        scans.append({"step": step, "url": page.url, "violations": violations})
        blocking.extend(
            {**v, "step": step, "url": page.url}
            for v in ACCESSIBILITY.record(page.url, step, violations)
        )
        try:
            on_a_phone(page, assert_no_sideways_scroll)
        except AssertionError as failure:
            too_wide.append(f"{step}: {failure}")
        return path

    take.folder = folder  # for other artefacts of the step, e.g. a printed PDF
    yield take
    (folder / "accessibility.json").write_text(json.dumps(scans, indent=2), encoding="utf-8")
    assert not blocking, f"Serious or critical accessibility violations:\n{describe(blocking)}"
    assert not too_wide, "Pages wider than a 375 px phone:\n" + "\n".join(too_wide)


def pytest_terminal_summary(terminalreporter):
    if ACCESSIBILITY.scans:
        terminalreporter.write_line(
            f"Accessibility (axe-core, WCAG 2.2 AA): {len(ACCESSIBILITY.scans)} scans of "
            f"{ACCESSIBILITY.pages} pages; serious or critical violations: "
            f"{ACCESSIBILITY.count(BLOCKING)}; moderate or minor: "
            f"{ACCESSIBILITY.count({'moderate', 'minor'})}"
        )
