"""The Alliance's actions list answers its filters in place (htmx), with each value's
count over the actions the user may see."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _label(content: str, start: str) -> str | None:
    found = re.search(rf">\s*({re.escape(start)}[^<]*\(\d+\))\s*<", content)
    return found.group(1).strip() if found else None


def test_htmx_gets_the_figures_filters_and_actions_alone(client, make_action):
    make_action(title="On D7", codes=("D7",), publish=True)
    make_action(title="On C3", codes=("C3",), publish=True)
    page = client.get("/alliance/", {"issue": "C3"}).content.decode()
    fragment = client.get("/alliance/", {"issue": "C3"}, HTTP_HX_REQUEST="true")
    assert "HX-Request" in fragment["Vary"]
    fragment = fragment.content.decode()
    assert "<html" in page and 'hx-target="#alliance-results"' in page
    assert "<html" not in fragment and "The Alliance</h1>" not in fragment
    for content in (page, fragment):
        assert "On C3" in content and "On D7" not in content
        assert "Actions matching" in content and "Apply filters" in content


def test_each_value_counts_the_actions_the_user_may_see(client, make_action, member):
    make_action(title="On D7", codes=("D7",), publish=True)
    make_action(title="Also D7", codes=("D7", "C3"), publish=True)
    make_action(title="Not published", codes=("D7",))
    public = client.get("/alliance/").content.decode()
    assert _label(public, "D7:").endswith("(2)")
    assert _label(public, "C3:").endswith("(1)")
    assert _label(public, "Proposed") == "Proposed (2)"
    client.force_login(member)  # the RCPCH's member sees its unpublished action too
    theirs = client.get("/alliance/").content.decode()
    assert _label(theirs, "D7:").endswith("(3)")
    assert _label(theirs, "Proposed") == "Proposed (3)"
    # Filtered by C3: the issue counts stay those of the other filters (none).
    filtered = client.get("/alliance/", {"issue": "C3"}).content.decode()
    assert _label(filtered, "D7:").endswith("(3)")
    assert _label(filtered, "Proposed") == "Proposed (1)"


def test_the_updates_download_follows_the_issue_filter_in_place(client, make_action):
    make_action(title="On C3", codes=("C3",), publish=True)
    fragment = client.get("/alliance/", {"issue": "C3"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'href="/alliance/updates.csv?issue=C3"' in fragment
    assert 'href="/alliance/updates.csv"' in client.get("/alliance/").content.decode()
