"""The proof's shared fixtures, and the figures it reports at the end of a run."""

from collections import Counter

import pytest

from .http_client import Browser
from .world import build_world

# Filled by the tests, printed by pytest_terminal_summary: what was proven.
FIGURES: Counter = Counter()
PENDING: list[str] = []
PENDING_FUZZ: list[str] = []
KNOWN_FUZZ: set[str] = set()


@pytest.fixture
def world(db, settings, tmp_path):
    """The small world of ``world.py``, with its files under a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def pytest_terminal_summary(terminalreporter):
    if not FIGURES and not PENDING and not PENDING_FUZZ and not KNOWN_FUZZ:
        return
    write = terminalreporter.write_line
    terminalreporter.section("whole-service proof")
    if FIGURES["routes"]:
        write(
            f"permission matrix: {FIGURES['routes']} routes ({FIGURES['page_routes']} pages, "
            f"{FIGURES['api_routes']} API), {FIGURES['subjects']} route × subject pairs, "
            f"× {FIGURES['roles']} roles = {FIGURES['get_checks']} GET and "
            f"{FIGURES['post_checks']} POST checks, {FIGURES['deviations']} known deviations"
        )
    if FIGURES["nul_probes"]:
        write(
            f"malformed requests: {FIGURES['nul_routes']} routes × a NUL in each path segment "
            f"and the query, public and admin = {FIGURES['nul_probes']} probes, all 404/400; "
            f"{FIGURES['host_probes']} foreign-host probes, all 400"
        )
    if FIGURES["fuzz_operations"]:
        write(
            f"schemathesis: {FIGURES['fuzz_operations']} operations × "
            f"{FIGURES['fuzz_roles']} roles, {FIGURES['fuzz_cases']} cases, "
            f"{FIGURES['fuzz_failures']} failures "
            f"(+ {FIGURES['fuzz_pending_failures']} in apps under construction, below)"
        )
    if PENDING:
        write(f"routes of apps under construction, not yet in the matrix ({len(PENDING)}):")
        for line in PENDING:
            write(f"  {line}")
    if KNOWN_FUZZ:
        write("known schemathesis findings, pinned in test_known_findings.py (for their owners):")
        for line in sorted(KNOWN_FUZZ):
            write(f"  {line}")
    if PENDING_FUZZ:
        write("schemathesis findings in apps under construction (for their owners):")
        for line in PENDING_FUZZ:
            write(f"  {line}")


@pytest.fixture
def visitor(live_server):
    """A visitor of the live server (pytest-playwright owns the name 'browser')."""
    return Browser(live_server.url)
