"""The CPD log: a reviewer's own activities, and a yearly summary to print or download."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from masterclasses.models import CpdActivity, Session
from masterclasses.selectors.cpd import cpd_summary, cpd_years
from masterclasses.services.cpd import (
    cpd_activity_delete,
    cpd_activity_save,
    cpd_masterclass_add,
)
from tests.date_input import date_input_data

pytestmark = pytest.mark.django_db


def add(user, when, hours, kind="training", title="Course", reflection=""):
    return cpd_activity_save(
        user=user, date=when, title=title, kind=kind, hours=Decimal(hours), reflection=reflection
    )


def test_the_yearly_summary_adds_up_by_kind(reviewer, other_manager):
    add(reviewer, date(2016, 2, 1), "6", kind="masterclass", title="Systems thinking")
    add(reviewer, date(2016, 3, 1), "1.5", kind="reading")
    add(reviewer, date(2016, 5, 1), "2.25", kind="reading")
    add(reviewer, date(2015, 12, 31), "3")
    summary = cpd_summary(user=reviewer, year=2016)
    assert summary.total_hours == Decimal("9.75")
    assert summary.by_kind == [
        ("Masterclass", 1, Decimal("6")),
        ("Reading and research", 2, Decimal("3.75")),
    ]
    assert [a.date for a in summary.activities] == [
        date(2016, 2, 1),
        date(2016, 3, 1),
        date(2016, 5, 1),
    ]
    assert cpd_years(user=reviewer) == [2016, 2015]


def test_bad_activities_are_refused_and_nothing_is_saved(reviewer):
    with pytest.raises(ValidationError) as error:
        add(reviewer, timezone.localdate() + timedelta(days=1), "0", kind="juggling", title=" ")
    assert set(error.value.message_dict) == {"date", "title", "kind", "hours"}
    assert not CpdActivity.objects.exists()


def test_nobody_changes_or_removes_anothers_log(reviewer, administrator):
    activity = add(reviewer, date(2016, 1, 1), "1")
    with pytest.raises(PermissionDenied):
        cpd_activity_save(
            user=administrator,
            activity=activity,
            date=date(2016, 1, 1),
            title="X",
            kind="other",
            hours=Decimal(1),
        )
    with pytest.raises(PermissionDenied):
        cpd_activity_delete(user=administrator, activity=activity)


def test_an_attended_masterclass_is_added_once_and_stays(reviewer, sessions):
    Session.objects.filter(pk=sessions[0].pk).update(date=date(2016, 2, 1))
    sessions[0].refresh_from_db()
    first = cpd_masterclass_add(reviewer=reviewer, session=sessions[0])
    again = cpd_masterclass_add(reviewer=reviewer, session=sessions[0])
    assert first.pk == again.pk and CpdActivity.objects.count() == 1
    with pytest.raises(ValidationError, match="stays in your log"):
        cpd_activity_delete(user=reviewer, activity=first)
    # The reviewer may add a reflection to it.
    cpd_activity_save(
        user=reviewer,
        activity=first,
        date=first.date,
        title=first.title,
        kind=first.kind,
        hours=first.hours,
        reflection="Changed how I run practitioner events.",
    )
    assert CpdActivity.objects.get().reflection.startswith("Changed how")


def test_the_log_pages_add_change_and_remove(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("masterclasses:cpd-new"),
        {
            **date_input_data("date", date(2016, 4, 1)),
            "title": "Peer group",
            "kind": "peer_support",
            "hours": "2",
        },
        follow=True,
    )
    assert "Your CPD log is saved" in response.content.decode()
    activity = CpdActivity.objects.get()
    response = client.post(
        reverse("masterclasses:cpd-edit", args=[activity.pk]),
        {
            **date_input_data("date", date(2016, 4, 1)),
            "title": "Peer group",
            "kind": "peer_support",
            "hours": "abc",
        },
    )
    assert response.status_code == 400
    assert "Hours must be a number, like 1.5" in response.content.decode()
    response = client.post(reverse("masterclasses:cpd-delete", args=[activity.pk]), follow=True)
    assert "is removed from your log" in response.content.decode()
    assert not CpdActivity.objects.exists()


def test_empty_form_names_each_field(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("masterclasses:cpd-new"), {})
    content = response.content.decode()
    for message in (
        "Enter the date of the activity",
        "Enter what the activity was",
        "Select the kind of activity",
        "Enter how many hours the activity took",
    ):
        assert message in content


def test_another_reviewers_activity_is_not_found(client, reviewer):
    other = type(reviewer).objects.create(username="other")
    activity = CpdActivity.objects.create(
        reviewer=other, date=date(2016, 1, 1), title="Theirs", kind="other", hours=1
    )
    client.force_login(reviewer)
    assert client.get(reverse("masterclasses:cpd-edit", args=[activity.pk])).status_code == 404
    assert client.post(reverse("masterclasses:cpd-delete", args=[activity.pk])).status_code == 404


def test_the_summary_page_and_csv(client, reviewer):
    add(reviewer, date(2016, 2, 1), "6", kind="masterclass", title="Masterclass: Group work")
    add(reviewer, date(2016, 3, 1), "1.5", title='=HYPERLINK("x")', reflection="Learned a lot")
    client.force_login(reviewer)
    page = client.get(reverse("masterclasses:cpd-summary", args=[2016])).content.decode()
    assert "2 activities, 7.50 hours in total" in page
    assert "Learned a lot" in page
    response = client.get(reverse("masterclasses:cpd-summary-csv", args=[2016]))
    assert response["Content-Disposition"] == 'attachment; filename="cpd-2016.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "activity", "kind", "hours", "reflection"]
    assert rows[1][:4] == ["2016-02-01", "Masterclass: Group work", "Masterclass", "6.00"]
    assert rows[2][1] == '\'=HYPERLINK("x")'  # never a live formula in a spreadsheet
    assert rows[-1] == ["Total", "2", "7.50"]


def test_the_log_lists_attended_masterclasses(client, reviewer, sessions):
    Session.objects.filter(pk=sessions[0].pk).update(date=date(2016, 2, 1))
    sessions[0].refresh_from_db()
    cpd_masterclass_add(reviewer=reviewer, session=sessions[0])
    client.force_login(reviewer)
    content = client.get(reverse("masterclasses:cpd-log")).content.decode()
    assert "Masterclass: Systems thinking" in content
    assert "added when your attendance was recorded" in content
    assert reverse("masterclasses:cpd-summary", args=[2016]) in content


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999", "-1", "2016.0", "٢٠١٦"])
def test_a_cpd_summary_for_an_impossible_year_is_a_clear_400(api_client, reviewer, year):
    api_client.force_authenticate(reviewer)
    response = api_client.get("/api/masterclasses/cpd/summary/", {"year": year})
    assert response.status_code == 400
    assert response.json() == {
        "year": ["Give the year as four digits, from 1900 to 2100, like 2016."]
    }


def test_a_cpd_summary_for_a_year_lists_that_years_activities(api_client, reviewer):
    today = timezone.localdate()
    cpd_activity_save(
        user=reviewer, date=today, title="Peer supervision", kind="peer_support", hours=2
    )
    api_client.force_authenticate(reviewer)
    this_year = api_client.get("/api/masterclasses/cpd/summary/")
    assert this_year.status_code == 200
    assert this_year.json()["year"] == today.year
    assert [row["title"] for row in this_year.json()["activities"]] == ["Peer supervision"]
    other = api_client.get("/api/masterclasses/cpd/summary/", {"year": 1900})
    assert (other.status_code, other.json()["activities"]) == (200, [])


@pytest.mark.parametrize("name", ["masterclasses:cpd-summary", "masterclasses:cpd-summary-csv"])
@pytest.mark.parametrize("year", [0, 1899, 2101, 99999])
def test_a_cpd_summary_page_for_an_impossible_year_is_not_found(client, reviewer, name, year):
    client.force_login(reviewer)
    assert client.get(reverse(name, args=[year])).status_code == 404


def test_the_cpd_summary_page_still_shows_a_year(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("masterclasses:cpd-summary", args=[2016])).status_code == 200
