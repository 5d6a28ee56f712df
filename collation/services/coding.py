"""Writes on codings: an analyst links a passage of a report to a practice issue."""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role, is_administrator

from ..choices import CodingVerification
from ..models import Cause, Coding, PracticeIssue, ReviewDocument

logger = logging.getLogger(__name__)


def _squashed(text: str) -> str:
    # Lines wrap differently in a browser selection and in extracted text.
    return " ".join(text.split()).casefold()


def refresh_trends_after_commit(review_id: int) -> None:
    # An issue's public page shows the excerpts and notes at once (the coding's
    # own save moves the public version on); its counts follow when the refresh
    # has run, which moves it on again.
    transaction.on_commit(lambda: _send_refresh(review_id))


def _send_refresh(review_id: int) -> None:
    """Queue the review's trend refresh; with the queue down, the coding still stands
    (it is committed) and the nightly rebuild brings the figures up to date."""
    from ..tasks import refresh_review_issues

    try:
        refresh_review_issues.delay(review_id)
    except BrokerUnavailable:
        logger.warning(
            "Could not queue the trend refresh of review %s: the broker is unreachable; "
            "the nightly rebuild will count it",
            review_id,
        )


def _check(
    *, document: ReviewDocument, page: int, excerpt: str, issue: PracticeIssue, causes: list[Cause]
) -> str:
    """Validate a coding's content; return the excerpt as stored."""
    errors: dict[str, str] = {}
    if document.superseded_by_id is not None:
        errors["document"] = "This document has been replaced. Code the current version."
    excerpt = excerpt.strip()
    page_text = document.pages.filter(number=page).values_list("text", flat=True).first()
    if page_text is None:
        errors["page"] = f"Enter a page between 1 and {document.page_count}."
    elif not excerpt:
        errors["excerpt"] = "Select or paste the passage that shows the issue."
    elif _squashed(excerpt) not in _squashed(page_text):
        errors["excerpt"] = (
            f"This passage is not on page {page}. Copy it exactly as it appears on the page."
        )
    if issue.is_retired:
        errors["issue"] = f"{issue.code} has been retired. Choose a current practice issue."
    stray = [cause for cause in causes if cause.issue_id != issue.pk]
    if stray:
        errors["causes"] = f"Choose causes listed under {issue.code}."
    if errors:
        raise ValidationError(errors)
    return excerpt


@transaction.atomic
def coding_create(
    *,
    user: User,
    document: ReviewDocument,
    page: int,
    excerpt: str,
    issue: PracticeIssue,
    causes: Iterable[Cause] = (),
    note: str = "",
    suggestion=None,
) -> Coding:
    """Record that a passage on a page shows a practice issue (analysts only)."""
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts code reports.")
    causes = list(causes)
    excerpt = _check(document=document, page=page, excerpt=excerpt, issue=issue, causes=causes)
    coding = Coding.objects.create(
        document=document,
        page=page,
        excerpt=excerpt,
        issue=issue,
        note=note.strip(),
        coder=user,
        suggestion=suggestion,
    )
    coding.causes.set(causes)
    refresh_trends_after_commit(document.review_id)
    return coding


def _unverify(coding: Coding) -> None:
    coding.verification = CodingVerification.UNVERIFIED
    coding.verified_by = coding.verified_at = coding.resolved_by = coding.resolved_at = None
    coding.disagreement = coding.resolution = ""
    coding.proposed_issue = coding.original_issue = None


def _check_owner(user: User, coding: Coding) -> None:
    if coding.coder_id != user.pk and not is_administrator(user):
        raise PermissionDenied("Each analyst's codings are their own.")


@transaction.atomic
def coding_update(
    *,
    user: User,
    coding: Coding,
    page: int | None = None,
    excerpt: str | None = None,
    issue: PracticeIssue | None = None,
    causes: Iterable[Cause] | None = None,
    note: str | None = None,
) -> Coding:
    """Change a coding; only its coder (or an administrator) may."""
    _check_owner(user, coding)
    page = coding.page if page is None else page
    issue = coding.issue if issue is None else issue
    causes = list(coding.causes.all() if causes is None else causes)
    excerpt = _check(
        document=coding.document,
        page=page,
        excerpt=coding.excerpt if excerpt is None else excerpt,
        issue=issue,
        causes=causes,
    )
    changed = (page, excerpt, issue.pk, {c.pk for c in causes}) != (
        coding.page,
        coding.excerpt,
        coding.issue_id,
        set(coding.causes.values_list("pk", flat=True)),
    )
    coding.page, coding.excerpt, coding.issue = page, excerpt, issue
    if note is not None:
        coding.note = note.strip()
    if changed:
        # What a second analyst verified is no longer what the coding says.
        _unverify(coding)
    coding.save()
    coding.causes.set(causes)
    refresh_trends_after_commit(coding.document.review_id)
    return coding


@transaction.atomic
def coding_delete(*, user: User, coding: Coding) -> None:
    """Remove a coding; only its coder (or an administrator) may."""
    _check_owner(user, coding)
    review_id = coding.document.review_id
    coding.delete()
    refresh_trends_after_commit(review_id)
