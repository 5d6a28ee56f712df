"""National figures from boards' own records (small numbers hidden), and recurrence."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collation.choices import CodingVerification
from collation.models import Coding, PracticeIssue, RecommendationTheme
from collation.selectors.local_national import local_national, outcome_rates
from collation.selectors.recurrence import recurrences
from collation.services.local import local_action_create, local_issue_record
from scr_platform.accounts.choices import Role
from tests.factories import BoardFactory, DocumentFactory, ReviewFactory, UserFactory

from .local_support import outcome, published_recommendations

pytestmark = pytest.mark.django_db


def _managers(count):
    return [
        UserFactory(roles=[Role.LSCB_MANAGER], board=BoardFactory(name=f"Board {n}"))
        for n in range(count)
    ]


def _issue(code="A1"):
    return PracticeIssue.objects.get(code=code)


def _seen_by(managers, issue):
    for manager in managers:
        local_issue_record(
            user=manager, board=manager.board, issue=issue, status="seen", evidence="Audit."
        )


def _row(issue):
    return next(row for row in local_national()["rows"] if row.issue == issue)


def test_boards_seeing_an_issue_are_hidden_below_the_disclosure_rule(client):
    managers, issue = _managers(5), _issue()
    _seen_by(managers[:4], issue)
    # Four boards, four answers: fewer than 5 records, hidden.
    assert _row(issue).seen is None
    _seen_by(managers[4:], issue)
    assert _row(issue).seen == 5
    page = client.get(reverse("collation:local-national")).content.decode()
    assert "Hidden: fewer than 3 boards or 5 answers or actions" in page
    issue_page = client.get(reverse("collation:trend-issue", args=[issue.code])).content.decode()
    assert "5 boards report seeing it here" in issue_page
    assert "Boards with local actions: Hidden: fewer than 3 boards" in issue_page


def test_local_actions_count_when_three_boards_hold_five(client):
    managers, issue = _managers(3), _issue()
    for n, manager in enumerate(managers):
        for _ in range(1 if n else 2):
            local_action_create(
                user=manager,
                board=manager.board,
                issue=issue,
                title="Audit",
                owner="Team",
                due_on=datetime.date(2027, 1, 1),
            )
    assert _row(issue).acting is None  # three boards, four actions
    local_action_create(
        user=managers[1],
        board=managers[1].board,
        issue=issue,
        title="Training",
        owner="Team",
        due_on=datetime.date(2027, 1, 1),
    )
    assert (_row(issue).acting, _row(issue).actions) == (3, 5)
    data = client.get("/api/collation/trends/local/").json()
    first = next(item for item in data["issues"] if item["issue"] == issue.code)
    assert first["boards_with_actions"] == 3
    assert first["boards_seeing_it"] is None


def _implemented(managers, statuses, theme=None):
    for manager, status in zip(managers, statuses, strict=True):
        _, (recommendation,) = published_recommendations(manager.board, count=1)
        recommendation.theme, recommendation.is_specific = theme, True
        recommendation.save()
        outcome(recommendation, manager, status="accepted")  # superseded by the next
        outcome(recommendation, manager, status=status)


def test_implementation_rates_use_the_latest_outcome_and_hide_small_groups(client):
    managers = _managers(6)
    themes = list(RecommendationTheme.objects.order_by("pk")[:2])
    _implemented(managers[:5], ["implemented"] * 3 + ["in_progress"] * 2, theme=themes[0])
    _implemented(managers[5:], ["implemented"], theme=themes[1])
    rates = outcome_rates()
    assert (rates["overall"].total, rates["overall"].implemented_shown) == (6, 4)
    assert rates["overall"].percent == 67
    by_theme = {group.label: group for group in rates["by_theme"]}
    # One board's theme is hidden; so is the other, else it could be worked out.
    assert by_theme[themes[1].name].total is None
    assert by_theme[themes[0].name].total is None
    specific = next(g for g in rates["by_smart"] if g.label.endswith(": met"))
    assert specific.total is None  # "not met" rests on nothing: both hidden
    data = client.get("/api/collation/trends/recommendation-outcomes/").json()
    assert data["overall"]["percent_implemented"] == 67
    assert all(group["with_outcome"] is None for group in data["by_theme"])


def test_nothing_shown_with_too_few_boards():
    managers = _managers(2)
    _implemented(managers, ["implemented", "implemented"])
    rates = outcome_rates()
    assert rates["overall"].total is None and rates["overall"].percent is None


# --- Recurrence -------------------------------------------------------------------------


def _verified_coding(review, issue, analyst, verifier):
    document = DocumentFactory(review=review)
    return Coding.objects.create(
        document=document,
        page=1,
        excerpt="x",
        issue=issue,
        coder=analyst,
        verification=CodingVerification.AGREED,
        verified_by=verifier,
        verified_at=timezone.now(),
    )


def test_an_issue_recurring_after_recommendations_is_said_on_both_reviews(client, board, analyst):
    verifier = UserFactory(roles=[Role.ANALYST])
    issue = _issue()
    earlier, (four, _five, seven) = published_recommendations(
        board, count=3, publication_date=datetime.date(2019, 3, 1), title="Review of Child E"
    )
    four.number, seven.number = 4, 7
    for recommendation in (four, seven):
        recommendation.save()
        recommendation.issues.add(issue)
    later = ReviewFactory(
        board=board, publish=True, publication_date=datetime.date(2022, 6, 1), title="Child L"
    )
    coding = _verified_coding(later, issue, analyst, verifier)
    sentence = "this issue recurred 3 years after recommendations 4 and 7 of Review of Child E."
    assert client.get(later.get_absolute_url()).content.decode().count(sentence) == 1
    assert (
        "this issue recurred in Child L, 3 years after recommendations 4 and 7 of this review"
        in (client.get(earlier.get_absolute_url()).content.decode())
    )
    analysis = client.get(reverse("collation:recommendation-analysis")).content.decode()
    assert "recurred in Child L, 3 years after recommendations 4 and 7 of Review of Child E" in (
        analysis
    )
    data = client.get("/api/collation/trends/recommendation-outcomes/").json()
    assert data["recurrences"][0]["recommendations"] == [4, 7]
    assert data["recurrences"][0]["later_review"] == later.pk
    # An unverified coding says nothing; nor does another board's review.
    coding.verification, coding.verified_by, coding.verified_at = "unverified", None, None
    coding.save()
    assert recurrences() == []
    other = ReviewFactory(publish=True, publication_date=datetime.date(2023, 1, 1))
    _verified_coding(other, issue, analyst, verifier)
    assert recurrences() == []
