"""The Alliance's pages, for the public and for each role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alliance.choices import ActionStatus, EvidenceKind
from alliance.models import Action, Meeting, WorkingGroup
from alliance.services import impact_evidence_create, progress_update_create
from collation.models import PracticeIssue
from tests.date_input import date_input_data

pytestmark = pytest.mark.django_db


def test_the_public_sees_per_issue_what_is_being_done_and_by_whom(client, make_action, police):
    make_action(title="Published action", partners=[police], publish=True)
    make_action(title="Unpublished action")
    content = client.get("/alliance/").content.decode()
    assert "Published action" in content
    assert "Unpublished action" not in content
    assert "D7</a>: Paediatric conclusion" in content
    assert "Royal College of Paediatrics and Child Health with College of Policing" in content
    assert "Record an action" not in content
    assert reverse("alliance:meeting-list") not in content
    assert 'name="q"' in content and 'name="issue"' in content  # the filter panel


def test_the_filters_narrow_the_actions(client, make_action, police):
    make_action(title="On D7", codes=("D7",), publish=True)
    make_action(title="On C3 with police", codes=("C3",), partners=[police], publish=True)
    assert "On D7" not in client.get("/alliance/", {"issue": "C3"}).content.decode()
    by_partner = client.get("/alliance/", {"organisation": police.slug}).content.decode()
    assert "On C3 with police" in by_partner and "On D7" not in by_partner
    by_words = client.get("/alliance/", {"q": "police"}).content.decode()
    assert "On C3 with police" in by_words
    none = client.get("/alliance/", {"status": ActionStatus.DONE}).content.decode()
    assert "No actions match these filters" in none


def test_an_action_page_shows_progress_and_evidence_but_not_names_to_the_public(
    client, make_action, member
):
    action = make_action(title="Guidance", publish=True)
    progress_update_create(
        user=member, action=action, text="Draft out for comment.", status=ActionStatus.IN_PROGRESS
    )
    impact_evidence_create(
        user=member, action=action, kind=EvidenceKind.GUIDANCE, summary="Published in May."
    )
    content = client.get(action.get_absolute_url()).content.decode()
    assert "Draft out for comment." in content and "now in progress" in content
    assert "Published in May." in content
    assert str(member) not in content  # people are named to signed-in users only
    assert "Record progress" not in content
    client.force_login(member)
    signed_in = client.get(action.get_absolute_url()).content.decode()
    assert str(member) in signed_in and "Record progress" in signed_in


@pytest.mark.parametrize("who", [None, "analyst", "adcs_member"])
def test_an_unpublished_action_is_not_found_by_others(client, request, make_action, who):
    action = make_action()
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(action.get_absolute_url()).status_code == 404


def test_a_member_records_an_action_reports_progress_and_publishes_it(client, member, police):
    client.force_login(member)
    form = client.get(reverse("alliance:action-create"))
    assert form.status_code == 200
    assert "Royal College of Paediatrics and Child Health" in form.content.decode()
    d7 = PracticeIssue.objects.get(code="D7")
    response = client.post(
        reverse("alliance:action-create"),
        {
            "title": "Joint training",
            "description": "Training on challenge.",
            "issues": [d7.pk],
            "partners": [police.pk],
            "status": ActionStatus.PROPOSED,
            **date_input_data("due_on", datetime.date(2030, 6, 30)),
        },
    )
    action = Action.objects.get(title="Joint training")
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert client.get("/alliance/").content.decode().count("Joint training") == 1
    response = client.post(
        reverse("alliance:action-progress", args=[action.pk]),
        {
            "text": "Started.",
            "status": ActionStatus.DONE,
            **date_input_data("written_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_on == timezone.localdate()
    response = client.post(
        reverse("alliance:action-evidence", args=[action.pk]),
        {
            "kind": EvidenceKind.FIGURES,
            "summary": "Fewer unchallenged conclusions.",
            "link": "example.org/audit",
            **date_input_data("observed_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    assert action.evidence.get().link == "https://example.org/audit"
    client.post(reverse("alliance:action-publish", args=[action.pk]), {"publish": "yes"})
    action.refresh_from_db()
    assert action.is_published
    client.logout()
    assert "Joint training" in client.get(d7_page()).content.decode()


def d7_page():
    return reverse("collation:trend-issue", args=["D7"])


def test_mistakes_are_shown_on_the_form(client, member):
    client.force_login(member)
    response = client.post(reverse("alliance:action-create"), {"title": "", "status": "proposed"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Choose at least one practice issue." in content
    assert "Enter a title." in content and "Enter what will be done." in content


def test_a_member_changes_the_details_but_not_the_status_there(client, member, make_action):
    action = make_action()
    client.force_login(member)
    page = client.get(reverse("alliance:action-edit", args=[action.pk])).content.decode()
    assert 'name="status"' not in page
    response = client.post(
        reverse("alliance:action-edit", args=[action.pk]),
        {
            "title": "Renamed",
            "description": action.description,
            "issues": [issue.pk for issue in action.issues.all()],
            "status": ActionStatus.DONE,  # ignored: status moves with an update
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status) == ("Renamed", ActionStatus.PROPOSED)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("adcs_member", 403), ("analyst", 403), ("manager", 403)],
)
def test_others_cannot_change_an_action(client, request, make_action, who, expected):
    action = make_action(publish=True)
    client.force_login(request.getfixturevalue(who))
    for name in ("action-edit", "action-progress", "action-evidence"):
        assert client.get(reverse(f"alliance:{name}", args=[action.pk])).status_code == expected
    response = client.post(reverse("alliance:action-publish", args=[action.pk]), {"publish": "no"})
    assert response.status_code == expected


def test_publishing_says_what_it_does_so_a_second_click_changes_nothing(
    client, member, make_action
):
    action = make_action()
    client.force_login(member)
    url = reverse("alliance:action-publish", args=[action.pk])
    client.post(url, {"publish": "yes"})
    client.post(url, {"publish": "yes"})  # a double click, or a page left open
    action.refresh_from_db()
    assert action.is_published
    refused = client.post(url, {}, follow=True)
    assert "Use the button on this page" in refused.content.decode()
    action.refresh_from_db()
    assert action.is_published


def test_a_member_starts_an_action_from_an_issue_page(client, member):
    assert "Record an action on D7" not in client.get(d7_page()).content.decode()
    client.force_login(member)
    assert "Record an action on D7" in client.get(d7_page()).content.decode()
    form = client.get(reverse("alliance:action-create"), {"issue": "D7"}).context["form"]
    assert [issue.code for issue in form.initial["issues"]] == ["D7"]
    # The member's own organisation is the lead, never offered as a partner.
    assert "Royal College" not in str(list(form.fields["partners"].queryset))


def test_the_public_is_sent_to_sign_in_to_record(client, make_action):
    response = client.get(reverse("alliance:action-create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_without_an_organisation_is_told_why(client, alliance_member):
    client.force_login(alliance_member)
    response = client.get(reverse("alliance:action-create"))
    assert response.status_code == 403
    assert "Ask an administrator" in response.content.decode()
    assert "Record an action" not in client.get("/alliance/").content.decode()


def test_meetings_are_recorded_by_members_read_by_analysts_hidden_from_others(
    client, member, analyst, manager, rcpch
):
    client.force_login(member)
    d7 = PracticeIssue.objects.get(code="D7")
    response = client.post(
        reverse("alliance:meeting-create"),
        {
            "title": "Third Alliance meeting",
            **date_input_data("held_on", datetime.date(2016, 3, 1)),
            "organisations": [rcpch.pk],
            "issues": [d7.pk],
            "notes": "We agreed a working group.",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    client.force_login(analyst)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "We agreed a working group." in page and "Change this record" not in page
    listing = client.get(reverse("alliance:meeting-list")).content.decode()
    assert "Third Alliance meeting" in listing and 'name="held_from"' in listing
    client.force_login(manager)
    assert client.get(meeting.get_absolute_url()).status_code == 403
    client.logout()
    assert client.get(reverse("alliance:meeting-list")).status_code == 302


def test_working_groups_are_public_and_set_up_by_members(client, member, rcpch, police):
    client.force_login(member)
    d7 = PracticeIssue.objects.get(code="D7")
    response = client.post(
        reverse("alliance:working-group-create"),
        {
            "name": "Health opinions",
            "purpose": "What is said and what is heard.",
            "lead_organisation": rcpch.pk,
            "organisations": [police.pk],
            "issues": [d7.pk],
        },
    )
    group = WorkingGroup.objects.get()
    assert response.status_code == 302
    client.logout()
    page = client.get(group.get_absolute_url()).content.decode()
    assert "What is said and what is heard." in page and "College of Policing" in page
    assert "Health opinions" in client.get(reverse("alliance:working-group-list")).content.decode()
    assert "Health opinions" in client.get(d7_page()).content.decode()


def test_member_organisations_are_public(client, make_action, rcpch, police):
    make_action(publish=True, partners=[police])
    listing = client.get(reverse("alliance:organisation-list")).content.decode()
    assert "Royal College of Paediatrics and Child Health" in listing
    page = client.get(police.get_absolute_url()).content.decode()
    assert "Guidance on stating the certainty" in page  # as a partner


def test_the_issue_page_says_when_nothing_is_published_yet(client, make_action):
    make_action()  # unpublished
    content = client.get(d7_page()).content.decode()
    assert "What the Alliance is doing" in content
    assert "has not published any action on this issue yet" in content


def test_the_alliance_is_in_the_navigation_for_everyone(client):
    assert 'href="/alliance/"' in client.get("/").content.decode()


PAGES = [
    # address, then the status for: public, manager, reviewer, analyst, member, administrator
    ("/alliance/", (200, 200, 200, 200, 200, 200)),
    ("/alliance/good-practice/", (200, 200, 200, 200, 200, 200)),
    ("/alliance/members/", (200, 200, 200, 200, 200, 200)),
    ("/alliance/working-groups/", (200, 200, 200, 200, 200, 200)),
    ("/alliance/updates.atom", (200, 200, 200, 200, 200, 200)),
    ("/alliance/updates.csv", (200, 200, 200, 200, 200, 200)),
    ("/alliance/issues/D7/updates.atom", (200, 200, 200, 200, 200, 200)),
    ("/alliance/meetings/", (302, 403, 403, 200, 200, 200)),
    ("/alliance/meetings/new/", (302, 403, 403, 403, 200, 200)),
    ("/alliance/overdue/", (302, 403, 403, 403, 200, 200)),
    ("/alliance/actions/new/", (302, 403, 403, 403, 200, 200)),
    ("/alliance/good-practice/new/", (302, 403, 403, 200, 200, 200)),
    ("/alliance/working-groups/new/", (302, 403, 403, 403, 200, 200)),
]
ROLES = (None, "manager", "reviewer", "analyst", "member", "administrator")


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=[str(r) for r in ROLES])
def test_every_page_for_every_role(client, request, role_index):
    who = ROLES[role_index]
    if who:
        client.force_login(request.getfixturevalue(who))
    got = {address: client.get(address).status_code for address, _ in PAGES}
    assert got == {address: statuses[role_index] for address, statuses in PAGES}


def test_an_action_s_due_date_is_changed_in_its_three_boxes(client, make_action, member):
    action = make_action(due_on=datetime.date(2030, 6, 30))
    client.force_login(member)
    content = client.get(reverse("alliance:action-edit", args=[action.pk])).content.decode()
    for name, value in (("day", 30), ("month", 6), ("year", 2030)):
        assert f'name="due_on_{name}" type="text" inputmode="numeric" value="{value}"' in content
    assert 'type="date"' not in content
