"""Following: the public confirm by e-mail (double opt-in, links that expire), signed-in
users follow at once, everyone manages and stops what they follow, and the form cannot be
used to mail-bomb an address or to learn what it follows."""

import re
import time
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from collation.models import Follow, Follower, PracticeIssue
from collation.services import following
from collation.services.following import (
    CONFIRMATION_MAX_AGE,
    EMAILS_PER_ADDRESS_PER_HOUR,
    REQUESTS_PER_CONNECTION_PER_HOUR,
    manage_token,
)
from tests.collation.conftest import searchable_document
from tests.factories import UserFactory
from tests.smtp import text_part

pytestmark = pytest.mark.django_db

FOLLOW = reverse("collation:follow")
C7 = {"kind": "issue", "issue": "C7", "frequency": "weekly", "email": "reader@example.org"}


def _confirmation_path(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/follow/confirm/\S+/)", text)[1]


def test_the_public_follow_after_confirming_the_link_mailed_to_them(client, smtp_server):
    page = client.get(FOLLOW, {"kind": "issue", "issue": "C7"})
    assert page.status_code == 200
    assert b'value="C7" selected' in page.content  # the link from the issue page fills it in

    response = client.post(FOLLOW, C7)

    assert response.status_code == 302 and response["Location"] == reverse("collation:follow-sent")
    follow = Follow.objects.get(follower__email="reader@example.org")
    assert follow.confirmed_at is None  # nothing counts until the address confirms
    [message] = smtp_server.to("reader@example.org")
    path = _confirmation_path(text_part(message))
    assert client.get(path).status_code == 200  # a page with a button: opening confirms nothing
    follow.refresh_from_db()
    assert follow.confirmed_at is None

    confirmed = client.post(path)

    assert confirmed.status_code == 200 and b"You are following C7" in confirmed.content
    manage = re.search(r'href="(/follow/manage/[^"]+/)"', confirmed.content.decode())[1]
    assert b"C7: " in client.get(manage).content
    follow.refresh_from_db()
    assert follow.confirmed_at is not None
    assert follow.follower.frequency == "weekly"
    assert client.post(path).status_code == 200  # confirming twice changes nothing


def test_the_confirmation_link_expires(client):
    start = time.time()
    with mock.patch("django.core.signing.time.time", return_value=start):
        client.post(FOLLOW, C7)
    path = _confirmation_path(mail.outbox[0].body)

    later = start + CONFIRMATION_MAX_AGE + 1
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(path)

    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert Follow.objects.get().confirmed_at is None

    # Just before it expires it still works.
    with mock.patch("django.core.signing.time.time", return_value=later - 2):
        assert client.post(path).status_code == 200
    assert Follow.objects.get().confirmed_at is not None


def test_unconfirmed_follows_are_forgotten_after_the_link_expires(client):
    client.post(FOLLOW, C7)
    Follow.objects.update(
        created_at=following.timezone.now()
        - following.timezone.timedelta(seconds=CONFIRMATION_MAX_AGE + 60)
    )
    Follower.objects.update(created_at=Follow.objects.get().created_at)

    assert following.follows_unconfirmed_purge() == 1
    assert not Follower.objects.exists()


def test_a_tampered_confirmation_link_confirms_nothing(client):
    client.post(FOLLOW, C7)
    path = _confirmation_path(mail.outbox[0].body)
    response = client.post(path[:-3] + "xx/")
    assert response.status_code == 400 and b"This link is not complete" in response.content
    assert Follow.objects.get().confirmed_at is None


def test_the_answer_does_not_say_whether_an_address_already_follows(client):
    first = client.post(FOLLOW, C7)
    Follow.objects.update(confirmed_at=following.timezone.now())
    second = client.post(FOLLOW, C7)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert Follow.objects.count() == 1


def test_an_address_gets_only_a_few_confirmation_emails_an_hour(client):
    for code in ("A1", "A2", "B1", "B2", "C1"):
        response = client.post(FOLLOW, {**C7, "issue": code}, REMOTE_ADDR=f"10.0.0.{len(code)}")
        assert response.status_code == 302  # the same answer: nothing tells a stranger
    assert len(mail.outbox) == EMAILS_PER_ADDRESS_PER_HOUR


def test_a_connection_asking_too_often_is_refused(client):
    for number in range(REQUESTS_PER_CONNECTION_PER_HOUR):
        client.post(FOLLOW, {**C7, "email": f"person{number}@example.org"})
    response = client.post(FOLLOW, {**C7, "email": "victim@example.org"})
    assert response.status_code == 429
    assert b"too many things in the last hour" in response.content
    assert not Follower.objects.filter(email="victim@example.org").exists()


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({}, "kind", "Choose what you want to follow"),
        ({"kind": "issue"}, "issue", "Choose the practice issue you want to follow"),
        ({"kind": "issue", "issue": "Z9"}, "issue", "Choose a practice issue from the list"),
        ({"kind": "region"}, "region", "Choose the region you want to follow"),
        ({"kind": "search", "query": "   "}, "query", "Enter the words of the search"),
        ({"kind": "grid", "frequency": "daily"}, "frequency", "Select a valid choice"),
        ({"kind": "grid", "frequency": ""}, "frequency", "Choose how often you want a digest"),
        ({"kind": "grid", "email": ""}, "email", "Enter your email address"),
        ({"kind": "grid", "email": "not-an-address"}, "email", "in the correct format"),
    ],
)
def test_each_bad_answer_gets_its_own_message_and_changes_nothing(client, data, field, message):
    response = client.post(FOLLOW, {"frequency": "weekly", "email": "a@example.org", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert not Follow.objects.exists() and not mail.outbox


def test_a_signed_in_user_follows_at_once_and_manages_from_their_account(client):
    user = UserFactory(email="Analyst@Example.org", roles=["analyst"])
    client.force_login(user)

    response = client.post(FOLLOW, {"kind": "region", "region": "london", "frequency": "quarterly"})

    assert response.status_code == 302 and response["Location"] == reverse("collation:follow-mine")
    follow = Follow.objects.get()
    assert follow.confirmed_at is not None and not mail.outbox
    assert (follow.follower.user, follow.follower.email) == (user, "analyst@example.org")
    assert follow.follower.frequency == "quarterly"
    mine = client.get(reverse("collation:follow-mine"))
    assert b"Reviews in London" in mine.content

    client.post(reverse("collation:follow-mine"), {"frequency": "monthly"})
    assert Follower.objects.get().frequency == "monthly"
    client.post(reverse("collation:follow-mine"), {"stop": follow.pk})
    assert not Follow.objects.exists()


def test_the_manage_link_changes_only_its_own_follower(client):
    issue = PracticeIssue.objects.get(code="C7")
    mine = Follower.objects.create(email="me@example.org")
    theirs = Follower.objects.create(email="them@example.org")
    their_follow = Follow.objects.create(follower=theirs, kind="issue", issue=issue)
    path = reverse("collation:follow-manage", args=[manage_token(mine)])

    assert client.get(path).status_code == 200
    client.post(path, {"stop": their_follow.pk})
    assert Follow.objects.filter(pk=their_follow.pk).exists()
    bad = client.post(path, {"frequency": "hourly"})
    assert bad.status_code == 400 and b"Select a valid choice" in bad.content
    assert client.get(path[:-4] + "abc/").status_code == 404


def test_follow_links_are_where_a_visitor_looks_for_them(client, board):
    searchable_document(board, ["Neglect was not recognised by the school."])
    issue = client.get(reverse("collation:trend-issue", args=["C7"])).content.decode()
    assert "/follow/?kind=issue&amp;issue=C7" in issue
    grid = client.get(reverse("collation:trend-grid"), {"region": "london"}).content.decode()
    assert "/follow/?kind=grid" in grid and "/follow/?kind=region&amp;region=london" in grid
    search = client.get(reverse("collation:search"), {"q": "neglect"}).content.decode()
    assert "/follow/?kind=search&amp;q=neglect" in search

    user = UserFactory(roles=["lead_reviewer"])
    client.force_login(user)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("collation:follow-mine") in profile


def test_the_api_lists_creates_and_stops_only_your_own_follows(api_client):
    user = UserFactory(email="lead@example.org", roles=["lead_reviewer"])
    someone = UserFactory(email="someone@example.org")
    theirs = following.follow_add_for_user(user=someone, target=following.FollowTarget(kind="grid"))
    url = reverse("collation-api:follow-list")
    assert api_client.get(url).status_code in (401, 403)
    api_client.force_authenticate(user)

    created = api_client.post(url, {"kind": "issue", "issue": "C7"}, format="json")
    again = api_client.post(url, {"kind": "issue", "issue": "C7"}, format="json")
    missing = api_client.post(url, {"kind": "search", "query": " "}, format="json")

    assert created.status_code == 201, created.content
    assert created.json()["label"].startswith("C7: ") and created.json()["confirmed_at"]
    assert again.json()["id"] == created.json()["id"]  # following twice is one follow
    assert missing.status_code == 400 and "query" in missing.json()
    assert [f["id"] for f in api_client.get(url).json()["results"]] == [created.json()["id"]]
    detail = reverse("collation-api:follow-detail", args=[theirs.pk])
    assert api_client.get(detail).status_code == 404
    assert api_client.delete(detail).status_code == 404
    own = reverse("collation-api:follow-detail", args=[created.json()["id"]])
    assert api_client.delete(own).status_code == 204
    assert not Follow.objects.filter(follower__user=user).exists()
    assert Follow.objects.filter(pk=theirs.pk).exists()


def test_a_signed_in_user_without_an_address_is_told_why_nothing_is_followed(client):
    client.force_login(UserFactory(email="", roles=["analyst"]))
    response = client.post(FOLLOW, {"kind": "grid", "frequency": "weekly"})
    assert response.status_code == 400
    assert "Your account has no email address" in response.content.decode()
    assert not Follower.objects.exists()


@pytest.mark.parametrize(
    "first, second",
    [
        ({"kind": "issue", "issue": "C7"}, {"kind": "issue", "issue": "C7"}),
        ({"kind": "grid"}, {"kind": "grid"}),
        ({"kind": "search", "query": "neglect"}, {"kind": "search", "query": "neglect"}),
        ({"kind": "grid"}, {"kind": "grid", "region": "london"}),  # a grid names no region
    ],
)
def test_the_database_keeps_each_follow_once_and_naming_one_thing(first, second):
    follower = Follower.objects.create(email="a@example.org")

    def make(fields):
        issue = PracticeIssue.objects.get(code=fields["issue"]) if "issue" in fields else None
        return Follow.objects.create(follower=follower, **{**fields, "issue": issue})

    make(first)
    with transaction.atomic(), pytest.raises(IntegrityError):
        make(second)


def test_the_audit_log_keeps_a_follower_s_address_masked(client):
    client.post(FOLLOW, C7)
    entry = LogEntry.objects.get_for_model(Follower).get()
    assert "reader@example.org" not in str(entry.changes)
