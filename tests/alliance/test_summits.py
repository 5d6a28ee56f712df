"""Digital summits: rounds, contributions, moderation, and what the public sees of them."""

import contextlib
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alliance.choices import ContributionStatus, SummitPhase
from alliance.models import Contribution, Practitioner
from alliance.selectors import issue_summits, moderation_queue, round_summary_draft
from alliance.services import (
    contribution_approve,
    contribution_create,
    contribution_reject,
    contribution_report,
    contribution_withdraw,
    summit_round_advance,
    summit_round_open,
)
from alliance.services.summits import CONTRIBUTIONS_PER_DAY
from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CAUSE = "Health visitors were not told when a family moved between areas."
SOLUTION = "A shared transfer-in checklist between health visiting teams."


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issue():
    return PracticeIssue.objects.order_by("code").first()


@pytest.fixture
def summit(analyst, issue):
    return summit_round_open(
        user=analyst, issue=issue, title="Neglect: moving areas", question="What gets lost?"
    )


def _practitioner(name: str, sector: str = "health"):
    user = UserFactory(username=name, roles=[Role.PRACTITIONER])
    Practitioner.objects.create(user=user, organisation="Secret Trust", sector=sector)
    return user


def test_only_analysts_open_and_run_rounds(practitioner, alliance_member, issue, summit):
    for user in (practitioner, alliance_member):
        with pytest.raises(PermissionDenied):
            summit_round_open(user=user, issue=issue, title="T", question="Q")
        with pytest.raises(PermissionDenied):
            summit_round_advance(user=user, summit=summit)


def test_opening_a_round_says_what_is_missing(analyst):
    with pytest.raises(ValidationError) as caught:
        summit_round_open(user=analyst, issue=None, title=" ", question="")
    assert caught.value.message_dict == {
        "issue": ["Choose the practice issue the round is about."],
        "title": ["Enter a title."],
        "question": ["Enter the question practitioners are asked."],
    }


def test_a_round_asks_for_causes_then_solutions_then_closes(analyst, practitioner, summit):
    cause = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    assert cause.phase == SummitPhase.CAUSES
    summit = summit_round_advance(user=analyst, summit=summit)
    solution = contribution_create(user=practitioner, summit=summit, text=SOLUTION)
    assert solution.phase == SummitPhase.SOLUTIONS
    summit = summit_round_advance(user=analyst, summit=summit)
    assert summit.phase == SummitPhase.CLOSED
    with pytest.raises(ValidationError, match="closed"):
        contribution_create(user=practitioner, summit=summit, text=CAUSE)
    with pytest.raises(ValidationError, match="closed already"):
        summit_round_advance(user=analyst, summit=summit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter your contribution."),
        ("Too short.", "at least 20 characters"),
        ("x" * 2001, "2,000 characters or fewer (it is 2,001)"),
    ],
)
def test_a_contribution_must_be_of_a_sensible_length(practitioner, summit, text, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        contribution_create(user=practitioner, summit=summit, text=text)
    assert not Contribution.objects.exists()


def test_only_verified_practitioners_contribute(alliance_member, summit):
    unverified = UserFactory(username="new")
    Practitioner.objects.create(user=unverified, organisation="X", sector="police")
    for user in (alliance_member, unverified):
        with pytest.raises(PermissionDenied):
            contribution_create(user=user, summit=summit, text=CAUSE)


def test_contributing_is_rate_limited_per_round_per_day(practitioner, summit):
    for number in range(CONTRIBUTIONS_PER_DAY):
        contribution_create(user=practitioner, summit=summit, text=f"{CAUSE} ({number})")
    with pytest.raises(ValidationError, match="Try again tomorrow"):
        contribution_create(user=practitioner, summit=summit, text=CAUSE)
    assert Contribution.objects.count() == CONTRIBUTIONS_PER_DAY


def test_rejecting_needs_a_reason_and_only_once(analyst, practitioner, summit):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    with pytest.raises(ValidationError, match="Enter why"):
        contribution_reject(user=analyst, contribution=contribution, reason="  ")
    contribution = contribution_reject(
        user=analyst, contribution=contribution, reason="It names a school."
    )
    assert contribution.status == ContributionStatus.REJECTED
    with pytest.raises(ValidationError):
        contribution_approve(user=analyst, contribution=contribution)
    with pytest.raises(PermissionDenied):
        contribution_approve(user=practitioner, contribution=contribution)


def test_only_approved_contributions_reach_the_public(client, analyst, practitioner, summit):
    waiting = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    rejected = contribution_create(user=practitioner, summit=summit, text=CAUSE + " Rejected.")
    contribution_reject(user=analyst, contribution=rejected, reason="Names a person.")
    approved = contribution_create(user=practitioner, summit=summit, text=CAUSE + " Approved.")
    contribution_approve(user=analyst, contribution=approved)
    issue_page = reverse("collation:trend-issue", args=[summit.issue.code])
    for url in (summit.get_absolute_url(), issue_page):
        content = client.get(url).content.decode()
        assert approved.text in content
        assert waiting.text + "<" not in content and rejected.text not in content
        # Anonymous: never the name, e-mail address or organisation.
        for secret in ("Northshire NHS Trust", practitioner.email, practitioner.last_name):
            assert secret not in content
    assert client.get(reverse("alliance:contribution-report", args=[waiting.pk])).status_code == 404


def test_withdrawing_and_reporting_take_a_contribution_off_the_cached_pages(
    client, analyst, practitioner, summit, django_capture_on_commit_callbacks
):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    with django_capture_on_commit_callbacks(execute=True):
        contribution_approve(user=analyst, contribution=contribution)
    issue_page = reverse("collation:trend-issue", args=[summit.issue.code])
    assert CAUSE in client.get(issue_page).content.decode()  # now in the public cache
    with django_capture_on_commit_callbacks(execute=True):
        contribution_report(
            contribution=contribution, reason="identifies", reporter_key="address:1"
        )
    assert CAUSE not in client.get(issue_page).content.decode()
    assert moderation_queue().counts["reported"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        contribution_approve(user=analyst, contribution=contribution)
    assert CAUSE in client.get(issue_page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        contribution_withdraw(user=practitioner, contribution=contribution)
    assert CAUSE not in client.get(issue_page).content.decode()
    assert CAUSE not in client.get(summit.get_absolute_url()).content.decode()


def test_reporting_is_rate_limited(analyst, practitioner, summit):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    contribution_approve(user=analyst, contribution=contribution)
    # The limit counts attempts, whatever their outcome (here: already reported).
    for _ in range(10):
        with contextlib.suppress(ValidationError):
            contribution_report(contribution=contribution, reason="other", reporter_key="address:9")
    with pytest.raises(ValidationError, match="reported 10 contributions"):
        contribution_report(contribution=contribution, reason="other", reporter_key="address:9")


def test_only_its_author_withdraws_a_contribution(analyst, practitioner, summit):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    with pytest.raises(PermissionDenied):
        contribution_withdraw(user=analyst, contribution=contribution)


def test_a_small_sector_is_not_named(analyst, summit):
    writers = [_practitioner(f"nurse{n}", "health") for n in range(3)]
    writers.append(_practitioner("officer", "police"))
    for number, user in enumerate(writers):
        contribution = contribution_create(user=user, summit=summit, text=f"{CAUSE} {number}")
        contribution_approve(user=analyst, contribution=contribution)
    ((_, shown),) = issue_summits(issue=summit.issue).rounds
    assert [item.sector for item in shown] == ["Health", "Health", "Health", "Practitioner"]
    assert "Health 3, Practitioner 1" in round_summary_draft(summit=summit)
    assert "4 causes and 0 solutions" in round_summary_draft(summit=summit)


# --- Pages -------------------------------------------------------------------------


def test_registering_verifying_and_contributing(client, summit, django_capture_on_commit_callbacks):
    register = reverse("alliance:practitioner-register")
    answers = {
        "name": "Sam Jones",
        "email": "Sam.Jones@example.org",
        "organisation": "Northshire Council",
        "sector": "childrens_social_care",
        "password": "a long unguessable passphrase",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register, answers)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["sam.jones@example.org"]
    link = re.search(r"http://testserver(/summits/verify/\S+/)", message.body).group(1)
    # Before confirming, they may sign in (with the address as username), not contribute.
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "sam.jones@example.org", "password": answers["password"]},
    )
    assert signed_in.status_code == 302
    contribute = reverse("alliance:summit-contribute", args=[summit.pk])
    refused = client.get(contribute)
    assert refused.status_code == 403 and "Confirm your e-mail address" in refused.content.decode()
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200  # twice is harmless
    page = client.get(contribute).content.decode()
    assert "What happens to your contribution" in page
    response = client.post(contribute, {"text": CAUSE})
    assert response.status_code == 302
    mine = client.get(reverse("alliance:summit-mine")).content.decode()
    assert CAUSE in mine and "Waiting to be checked" in mine


def test_registering_does_not_say_an_address_is_taken(
    client, practitioner, django_capture_on_commit_callbacks
):
    answers = {
        "name": "Someone Else",
        "email": practitioner.email.upper(),
        "organisation": "Anywhere",
        "sector": "police",
        "password": "a long unguessable passphrase",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("alliance:practitioner-register"), answers)
    assert response.url == reverse("alliance:practitioner-check-email")
    (message,) = mail.outbox
    assert "already has an account" in message.body
    # Resending for an unknown address looks the same, and sends nothing.
    response = client.post(reverse("alliance:practitioner-resend"), {"email": "no@one.org"})
    assert response.url == reverse("alliance:practitioner-check-email")
    assert len(mail.outbox) == 1


def test_registering_says_what_is_wrong_and_changes_nothing(client):
    response = client.post(
        reverse("alliance:practitioner-register"),
        {"name": "", "email": "not-an-address", "password": "password"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Enter your name.",
        "Enter an e-mail address in the correct format",
        "Enter the organisation you work for.",
        "Select the sector you work in.",
        "This password is too short.",
    ):
        assert message in content
    assert not Practitioner.objects.exists() and not mail.outbox


def test_registering_is_rate_limited(client):
    for number in range(6):
        response = client.post(reverse("alliance:practitioner-register"), {"name": str(number)})
    assert "too many times" in response.content.decode()


def test_a_bad_or_expired_link_is_explained(client):
    response = client.get(reverse("alliance:practitioner-verify", args=["nonsense"]))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_moderation_queue_counts_and_rejects_with_a_reason(client, analyst, practitioner, summit):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    client.force_login(analyst)
    page = client.get(reverse("alliance:summit-moderation")).content.decode()
    assert "Waiting: 1" in page and "Reported: 0" in page and CAUSE in page
    assert "Secret" not in page and practitioner.username not in page
    reject = reverse("alliance:contribution-reject", args=[contribution.pk])
    response = client.post(reject, {"reason": ""})
    assert response.status_code == 400
    assert "Enter why the contribution is rejected." in response.content.decode()
    client.post(reject, {"reason": "It names a school."})
    client.force_login(practitioner)
    mine = client.get(reverse("alliance:summit-mine")).content.decode()
    assert "Rejected" in mine and "It names a school." in mine


def test_the_dashboard_shows_the_queue_and_ones_own(client, analyst, practitioner, summit):
    contribution_create(user=practitioner, summit=summit, text=CAUSE)
    client.force_login(analyst)
    assert "1 waiting, 0 reported" in client.get(reverse("dashboard")).content.decode()
    client.force_login(practitioner)
    assert "Waiting to be checked" in client.get(reverse("dashboard")).content.decode()


def test_a_practitioner_withdraws_only_their_own(client, practitioner, summit):
    other = _practitioner("colleague", "police")
    theirs = contribution_create(user=other, summit=summit, text=CAUSE)
    client.force_login(practitioner)
    withdraw = reverse("alliance:contribution-withdraw", args=[theirs.pk])
    assert client.post(withdraw).status_code == 404
    assert CAUSE not in client.get(reverse("alliance:summit-mine")).content.decode()
    theirs.refresh_from_db()
    assert theirs.status == ContributionStatus.WAITING


def test_an_overlong_reason_is_refused_with_its_limit(client, analyst, practitioner, summit):
    contribution = contribution_create(user=practitioner, summit=summit, text=CAUSE)
    client.force_login(analyst)
    response = client.post(
        reverse("alliance:contribution-reject", args=[contribution.pk]), {"reason": "x" * 501}
    )
    assert response.status_code == 400
    assert "Keep the reason to 500 characters or fewer." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.WAITING
