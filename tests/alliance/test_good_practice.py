"""Good practice: who records and changes it, its pages, the issue page's panel, the API."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliance.models import GoodPractice
from alliance.services import good_practice_save
from tests.alliance.conftest import issues

pytestmark = pytest.mark.django_db

LIST = "/alliance/good-practice/"
API = "/api/alliance/good-practice/"


@pytest.fixture
def record(member):
    def make(*, user=None, codes=("D7",), **fields):
        fields.setdefault("title", "Paediatricians state how sure they are")
        fields.setdefault("what_worked", "A line in every report saying how certain the view is.")
        fields.setdefault("where", "Leeds children's services")
        return good_practice_save(user=user or member, issues=issues(*codes), **fields)

    return make


@pytest.mark.parametrize("who", ["member", "analyst", "administrator"])
def test_members_analysts_and_administrators_record_good_practice(request, who):
    user = request.getfixturevalue(who)
    item = good_practice_save(
        user=user,
        title="  Joint strategy meetings  ",
        what_worked="Police and health at every strategy meeting.",
        where="Hampshire",
        issues=issues("D2", "D7"),
        links=["https://example.org/report", " https://example.org/report ", ""],
        started_on=datetime.date(2015, 4, 1),
    )
    assert item.title == "Joint strategy meetings" and item.recorded_by == user
    assert item.links == ["https://example.org/report"]  # tidied, none twice
    assert sorted(i.code for i in item.issues.all()) == ["D2", "D7"]
    assert LogEntry.objects.get_for_object(item).exists()


@pytest.mark.parametrize("who", ["manager", "reviewer", "alliance_member_without_role"])
def test_others_record_none(request, who):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who.endswith("without_role") else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        good_practice_save(user=user, title="T", what_worked="W", where="X", issues=issues("D7"))


def test_every_mistake_is_reported_at_once(member):
    with pytest.raises(ValidationError) as error:
        good_practice_save(
            user=member,
            title=" ",
            what_worked="",
            where="",
            issues=[],
            links=["https://example.org", "not a link"],
            started_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    messages = error.value.message_dict
    assert set(messages) == {"title", "what_worked", "where", "issues", "links", "started_on"}
    assert messages["links"] == [
        "Link 2 is not a web address. Enter each link in full, like "
        "https://www.example.org/report, one a line."
    ]
    assert not GoodPractice.objects.exists()


def test_only_the_author_or_an_administrator_changes_it(
    record, member, police_member, analyst, administrator
):
    item = record()
    for other in (police_member, analyst):
        with pytest.raises(PermissionDenied):
            good_practice_save(
                user=other,
                good_practice=item,
                title="X",
                what_worked="W",
                where="X",
                issues=issues("D7"),
            )
    good_practice_save(
        user=administrator,
        good_practice=item,
        title="Corrected",
        what_worked="W",
        where="Leeds",
        issues=issues("D7", "C3"),
    )
    item.refresh_from_db()
    assert item.title == "Corrected" and item.recorded_by == member


def test_the_list_is_public_and_filters_by_issue(client, record):
    record(title="On D7", codes=("D7",))
    record(title="On C3", codes=("C3",), where="Bristol")
    page = client.get(LIST).content.decode()
    assert "On D7" in page and "On C3" in page and "Record good practice" not in page
    by_issue = client.get(LIST, {"issue": "C3"}).content.decode()
    assert "On C3" in by_issue and "On D7" not in by_issue
    assert "Bristol" in client.get(LIST, {"q": "bristol"}).content.decode()
    assert "No good practice matches" in client.get(LIST, {"issue": "A1"}).content.decode()


def test_the_list_makes_a_fixed_number_of_queries(client, record, django_assert_num_queries):
    record()
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for n in range(6):
        record(title=f"More {n}", codes=("D7", "C3"))
    with django_assert_num_queries(len(one)):
        client.get(LIST)


def test_the_detail_page_names_the_recorder_to_signed_in_users_only(client, record, member):
    item = record(links=["https://example.org/evaluation"])
    page = client.get(item.get_absolute_url()).content.decode()
    assert "https://example.org/evaluation" in page and "Leeds children" in page
    assert str(member) not in page and "Change this good practice" not in page
    client.force_login(member)
    page = client.get(item.get_absolute_url()).content.decode()
    assert str(member) in page and "Change this good practice" in page


@pytest.mark.parametrize(
    ("who", "create", "edit"),
    [
        (None, 302, 302),
        ("manager", 403, 403),
        ("reviewer", 403, 403),
        ("analyst", 200, 403),
        ("police_member", 200, 403),
        ("member", 200, 200),
        ("administrator", 200, 200),
    ],
)
def test_who_reaches_the_forms(client, request, record, who, create, edit):
    item = record()
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("alliance:good-practice-create")).status_code == create
    assert client.get(reverse("alliance:good-practice-edit", args=[item.pk])).status_code == edit
    response = client.post(reverse("alliance:good-practice-edit", args=[item.pk]), {})
    assert response.status_code == (400 if edit == 200 else edit)
    item.refresh_from_db()
    assert item.title == "Paediatricians state how sure they are"  # nothing half-changed


def test_an_analyst_records_it_from_an_issue_page_and_sees_it_there(client, analyst):
    client.force_login(analyst)
    issue_page = reverse("collation:trend-issue", args=["D7"])
    assert "Record good practice on D7" in client.get(issue_page).content.decode()
    form = client.get(reverse("alliance:good-practice-create"), {"issue": "D7"}).context["form"]
    assert [issue.code for issue in form.initial["issues"]] == ["D7"]
    mistakes = client.post(reverse("alliance:good-practice-create"), {"links": "nope"})
    content = mistakes.content.decode()
    assert mistakes.status_code == 400 and "There is a problem" in content
    assert "Enter what worked." in content and "Link 1 is not a web address" in content
    response = client.post(
        reverse("alliance:good-practice-create"),
        {
            "title": "Health at strategy meetings",
            "what_worked": "A named paediatrician joins every strategy discussion.",
            "where": "Hampshire",
            "issues": [issues("D7")[0].pk],
            "links": "https://example.org/a\nhttps://example.org/b",
        },
    )
    item = GoodPractice.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.links == ["https://example.org/a", "https://example.org/b"]
    client.logout()
    page = client.get(issue_page).content.decode()
    assert "Good practice" in page and "Health at strategy meetings" in page


def test_the_issue_page_queries_stay_the_same_with_one_or_many(
    client, record, make_action, django_assert_num_queries
):
    record()
    make_action(publish=True)
    issue_page = reverse("collation:trend-issue", args=["D7"])
    client.get(issue_page)
    cache.clear()  # the page is cached whole for the public: count a render's queries
    with CaptureQueriesContext(connection) as one:
        client.get(issue_page)
    for n in range(8):
        record(title=f"Good practice {n}", codes=("D7", "D2"))
        make_action(title=f"Action {n}", codes=("D7", "D2"), publish=True)
    cache.clear()  # nothing commits inside a test, so the public version stays put
    with django_assert_num_queries(len(one)):
        page = client.get(issue_page).content.decode()
    assert "All 9 examples of good practice on D7" in page


def test_the_api_has_the_same_rules(api_client, record, member, police_member, analyst):
    item = record()
    listing = api_client.get(API, {"issue": "D7"}).json()
    assert [row["title"] for row in listing["results"]] == [item.title]
    assert "recorded_by" not in listing["results"][0]
    assert api_client.post(API, {}, format="json").status_code in (401, 403)
    api_client.force_authenticate(analyst)
    created = api_client.post(
        API,
        {
            "title": "Analyst's find",
            "what_worked": "W",
            "where": "York",
            "issues": ["C3"],
            "links": ["https://example.org"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    mistakes = api_client.post(API, {"title": "", "issues": [], "links": ["x"]}, format="json")
    assert mistakes.status_code == 400
    assert {"title", "what_worked", "where", "issues", "links"} <= set(mistakes.json())
    api_client.force_authenticate(police_member)
    assert api_client.patch(f"{API}{item.pk}/", {"title": "X"}, format="json").status_code == 403
    api_client.force_authenticate(member)
    changed = api_client.patch(f"{API}{item.pk}/", {"title": "Renamed"}, format="json")
    assert changed.status_code == 200 and changed.json()["issues"] == ["D7"]
