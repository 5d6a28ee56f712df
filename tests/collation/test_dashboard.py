"""Your work for a board manager and an analyst: what shows, where each item leads, and that
nothing of another board, or an analyst's own codings, shows."""

import pytest
from django.urls import reverse
from django.utils import timezone

from collation.choices import CodingVerification, DocumentStatus, FlagStatus
from collation.models import Coding, PersonalDataFlag, PracticeIssue, Suggestion
from scr_platform.accounts.choices import Role
from tests.factories import DocumentFactory, ReviewFactory, UserFactory
from tests.test_dashboard import assert_fixed_queries, page, panels

pytestmark = pytest.mark.django_db


# --- LSCB manager ------------------------------------------------------------------------


def _flagged(board, text="Jane Doe", count=1):
    review = ReviewFactory(board=board)
    document = DocumentFactory(review=review)
    for _ in range(count):
        PersonalDataFlag.objects.create(document=document, page=1, kind="name", text=text)
    return review


def test_a_manager_sees_their_boards_work_and_no_other_boards(client, manager, other_board):
    flagged = _flagged(manager.board, count=3)
    decided = _flagged(manager.board)
    decided_flags = PersonalDataFlag.objects.filter(document__review=decided)
    decided_flags.update(status=FlagStatus.REDACT)
    failed = DocumentFactory(
        review=ReviewFactory(board=manager.board),
        status=DocumentStatus.FAILED,
        original_filename="unreadable.pdf",
    )
    processing = DocumentFactory(
        review=ReviewFactory(board=manager.board),
        status=DocumentStatus.PROCESSING,
        original_filename="reading.pdf",
    )
    ready = ReviewFactory(board=manager.board, title="Ready: Child R")
    DocumentFactory(review=ready)
    ReviewFactory(board=manager.board, title="No documents yet")
    published = ReviewFactory(board=manager.board, title="Already out", publish=True)
    DocumentFactory(review=published)
    # The other board's work, of every kind.
    theirs = [
        _flagged(other_board, text="John Roe"),
        DocumentFactory(
            review=ReviewFactory(board=other_board), status=DocumentStatus.FAILED
        ).review,
    ]
    their_ready = ReviewFactory(board=other_board, title="Their ready draft")
    DocumentFactory(review=their_ready)

    content = page(client, manager)

    check = reverse("collation:personal-data-check", args=[flagged.pk])
    assert f'href="{check}">{flagged.reference}: {flagged.title}</a>' in content
    assert "3 items to check" in content
    # The panels count the work (the flags), not the reviews it is on.
    assert panels(content)[:3] == [
        "Personal data to check 3",
        "Documents processing or failed 2",
        "Drafts ready to publish 2",
    ]
    # Every flag decided: nothing to check (and, its public copy current, ready to publish).
    assert reverse("collation:personal-data-check", args=[decided.pk]) not in content
    assert "Overview report: unreadable.pdf" in content and "Failed" in content
    assert "Overview report: reading.pdf" in content and "Processing" in content
    assert failed.review.get_absolute_url() in content
    assert processing.review.get_absolute_url() in content
    publish = reverse("collation:review-publish", args=[ready.pk])
    assert f'href="{publish}">{ready.reference}: Ready: Child R</a>' in content
    # Blocked drafts and published reviews are not ready to publish.
    assert "No documents yet" not in content
    assert "Already out" not in content
    for review in [*theirs, their_ready]:
        assert review.reference not in content
        assert review.title not in content


def test_drafts_blocked_by_the_publication_gate_are_not_ready(client, manager):
    flagged = _flagged(manager.board)
    content = page(client, manager)
    assert "No drafts are ready to publish." in content
    assert flagged.title in content  # listed under flags, not as ready
    flagged.documents.update(status=DocumentStatus.NO_TEXT)
    PersonalDataFlag.objects.update(status=FlagStatus.NOT_PERSONAL, reason="A place name.")
    content = page(client, manager)
    assert "No drafts are ready to publish." in content
    assert "Scanned – no text" in content


def test_a_manager_without_a_board_is_told_why_nothing_waits(client, manager):
    manager.board = None
    manager.save()
    content = page(client, manager)
    assert content.count("You are not linked to a board yet") == 4  # each board panel


def test_many_items_are_counted_beyond_those_named(client, manager):
    for _ in range(12):
        _flagged(manager.board)
    content = page(client, manager)
    assert 'Personal data to check <strong class="govuk-tag">12</strong>' in " ".join(
        content.split()
    )
    assert "And 2 more." in content


# --- Analyst ----------------------------------------------------------------------------


@pytest.fixture
def issue():
    return PracticeIssue.objects.order_by("pk").first()


def _suggest(document, issue, *, page=1, status="pending"):
    return Suggestion.objects.create(
        document=document,
        page=page,
        excerpt="The health visitor did not visit.",
        issue=issue,
        score=0.8,
        model_version="test",
        status=status,
    )


def test_an_analyst_sees_suggestions_and_others_codings_to_verify(client, analyst, issue):
    colleague = UserFactory(username="colleague", roles=[Role.ANALYST])
    document = DocumentFactory(original_filename="overview.pdf", page_count=9)
    _suggest(document, issue, page=4)
    _suggest(document, issue, page=7)
    _suggest(document, issue, page=2, status="rejected")
    replaced = DocumentFactory(original_filename="old-version.pdf")
    _suggest(replaced, issue)
    replaced.superseded_by = DocumentFactory(review=replaced.review)
    replaced.save()

    def code(title, coder, **verification):
        review = ReviewFactory(title=title)
        document = DocumentFactory(review=review)
        Coding.objects.create(
            document=document, page=1, excerpt="x", issue=issue, coder=coder, **verification
        )
        return review

    theirs = code("Coded by a colleague", colleague)
    code("Coded by me", analyst)
    code(
        "Already verified",
        colleague,
        verification=CodingVerification.AGREED,
        verified_by=analyst,
        verified_at=timezone.now(),
    )

    content = page(client, analyst)

    coding_page = reverse(
        "collation:coding-page", args=[document.review_id, document.pk, 4]
    )  # the first page with a suggestion still to decide
    assert f'href="{coding_page}">{document.review.reference}: Overview report: overview.pdf' in (
        content
    )
    assert "2 suggestions" in content
    assert "old-version.pdf" not in content
    verify = reverse("collation:verify-review", args=[theirs.pk])
    assert f'href="{verify}">{theirs.reference}: Coded by a colleague</a>' in content
    assert "Coded by me" not in content  # nobody verifies their own
    assert "Already verified" not in content


def test_an_analysts_page_costs_fixed_queries(
    client, analyst, issue, django_assert_max_num_queries
):
    colleague = UserFactory(username="colleague", roles=[Role.ANALYST])

    def add_work(count):
        for _ in range(count):
            document = DocumentFactory()
            _suggest(document, issue)
            Coding.objects.create(
                document=document, page=1, excerpt="x", issue=issue, coder=colleague
            )

    # Session, user, roles; suggestions; codings to verify (2) and disagreements.
    assert_fixed_queries(
        client, analyst, add_work, most=7, assert_max=django_assert_max_num_queries
    )
