"""Following an issue: Atom feeds and the CSV of progress on published actions."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.choices import ActionStatus
from alliance.services import progress_update_create

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def updates(make_action, member, police):
    on_d7 = make_action(title="Guidance on D7", partners=[police], publish=True)
    on_c3 = make_action(title="Audit on C3", codes=("C3",), publish=True)
    draft = make_action(title="Draft on D7")
    progress_update_create(
        user=member, action=on_d7, text="Draft out.", status=ActionStatus.IN_PROGRESS
    )
    progress_update_create(user=member, action=on_c3, text="Forms collected.")
    progress_update_create(user=member, action=draft, text="Secret draft progress.")
    return on_d7, on_c3


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_an_issues_feed_has_its_published_actions_updates_without_names(client, updates, member):
    feed, entries = _entries(client.get("/alliance/issues/D7/updates.atom"))
    assert "D7" in feed.find(f"{ATOM}title").text
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Guidance on D7 (now in progress)"]
    entry = entries[0]
    assert entry.find(f"{ATOM}summary").text == "Draft out."
    assert entry.find(f"{ATOM}author/{ATOM}name").text == (
        "Royal College of Paediatrics and Child Health"
    )
    assert f"/alliance/actions/{updates[0].pk}/#update-" in entry.find(f"{ATOM}link").get("href")
    assert str(member) not in client.get("/alliance/issues/D7/updates.atom").content.decode()
    assert client.get("/alliance/issues/d7/updates.atom").status_code == 200
    assert client.get("/alliance/issues/Z9/updates.atom").status_code == 404


def test_the_feed_for_all_issues(client, updates):
    _, entries = _entries(client.get("/alliance/updates.atom"))
    titles = {e.find(f"{ATOM}title").text for e in entries}
    assert titles == {"Guidance on D7 (now in progress)", "Audit on C3"}
    assert "Secret draft progress." not in client.get("/alliance/updates.atom").content.decode()


def test_the_feeds_make_a_fixed_number_of_queries(
    client, make_action, member, django_assert_num_queries
):
    action = make_action(publish=True)
    progress_update_create(user=member, action=action, text="One.")
    client.get("/alliance/updates.atom")
    with CaptureQueriesContext(connection) as one:
        client.get("/alliance/updates.atom")
    for n in range(5):
        more = make_action(title=f"More {n}", codes=("D7", "C3"), publish=True)
        progress_update_create(user=member, action=more, text=f"Update {n}.")
    with django_assert_num_queries(len(one)):
        client.get("/alliance/updates.atom")


def test_the_csv_of_updates_filters_by_issue(client, updates):
    response = client.get("/alliance/updates.csv", {"issue": "D7"})
    assert response.status_code == 200
    assert 'filename="alliance-updates-D7.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["action"], r["update"], r["status_set_by_update"]) for r in rows] == [
        ("Guidance on D7", "Draft out.", "in_progress")
    ]
    assert rows[0]["partners"] == "College of Policing"
    assert rows[0]["practice_issues"] == "D7"
    assert rows[0]["address"].startswith("http://testserver/alliance/actions/")
    everything = client.get("/alliance/updates.csv").content.decode()
    assert "Forms collected." in everything and "Secret draft progress." not in everything
    assert "author" not in everything.splitlines()[0]
    bad = client.get("/alliance/updates.csv", {"issue": "Z9"})
    assert bad.status_code == 400 and "issue" in bad.content.decode()


def test_the_csv_keeps_words_from_being_read_as_formulas(client, make_action, member):
    action = make_action(title="=HYPERLINK(1)", publish=True)
    progress_update_create(user=member, action=action, text="+1 more board")
    rows = list(csv.DictReader(io.StringIO(client.get("/alliance/updates.csv").content.decode())))
    assert (rows[0]["action"], rows[0]["update"]) == ("'=HYPERLINK(1)", "'+1 more board")


def test_the_feeds_are_linked_from_the_alliance_and_issue_pages(client, updates):
    alliance = client.get("/alliance/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in alliance
    assert 'href="/alliance/updates.atom"' in alliance
    issue_page = client.get("/trends/issues/D7/").content.decode()
    assert 'href="/alliance/issues/D7/updates.atom"' in issue_page
    assert 'href="/alliance/updates.csv?issue=D7"' in issue_page


@pytest.mark.parametrize("address", ["/alliance/updates.atom", "/alliance/issues/D7/updates.atom"])
def test_the_progress_feeds_answer_only_a_get(client, address):
    # A POST was answered with the feed, as if it were a read.
    assert client.get(address).status_code == 200
    assert client.post(address).status_code == 405
