"""Writes on suggested codings: the worker proposes them, analysts accept or reject them,
and the model learns from those decisions every night.

The model (``collation.analysis.suggestions``: TF-IDF of the taxonomy's issue
titles and causes, plus the excerpts analysts accepted and rejected) is kept in
``SuggestionModel``; the newest proposes, and its version is recorded on every
suggestion. A worker loads it once per version.

Suggestions are made from a document's stored page text whenever that text is
written: after processing, and again after the public copy is made (its text
is what analysts code). Pending suggestions are replaced; decided ones stay,
as the record the model learns from.
"""

import logging
from functools import lru_cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..analysis import suggestions as engine
from ..choices import DocumentStatus, SuggestionStatus
from ..models import Cause, Coding, PracticeIssue, ReviewDocument, Suggestion, SuggestionModel
from .coding import coding_create

logger = logging.getLogger(__name__)

# Below this a suggestion is not worth an analyst's look (THRESHOLD marks "likely").
KEEP_FROM = 0.2


def suggestion_model_rebuild() -> SuggestionModel:
    """Build the model from the taxonomy and every accept and reject (the nightly task)."""
    issues = [
        engine.IssueText(
            issue.code,
            issue.title,
            tuple(
                (str(cause.pk), cause.text)
                for cause in issue.causes.all()
                if cause.retired_at is None
            ),
        )
        for issue in PracticeIssue.objects.filter(retired_at__isnull=True).prefetch_related(
            "causes"
        )
    ]
    examples = _examples()
    model = engine.model_build(issues, examples)
    stored, _ = SuggestionModel.objects.get_or_create(
        version=model.version,
        defaults={
            "data": engine.model_dumps(model),
            "issues": len(issues),
            "accepted_examples": sum(1 for e in examples if e.accepted),
            "rejected_examples": sum(1 for e in examples if not e.accepted),
        },
    )
    return stored


def _examples() -> list:
    """Analysts' decisions: every coding is an accepted example of its issue; a rejected
    suggestion, or one accepted under another issue, a rejected one of its issue."""
    # Not the demo's synthetic codings: their excerpt is one invented sentence, no report's.
    real = Coding.objects.exclude(document__review__is_synthetic=True)
    examples = [
        engine.Example(excerpt, code, True)
        for excerpt, code in real.values_list("excerpt", "issue__code")
    ]
    examples += [
        engine.Example(excerpt, code, False)
        for excerpt, code in Suggestion.objects.filter(
            status=SuggestionStatus.REJECTED
        ).values_list("excerpt", "issue__code")
    ]
    examples += [
        engine.Example(excerpt, code, False)
        for excerpt, code, coded in Suggestion.objects.filter(
            status=SuggestionStatus.ACCEPTED, coding__isnull=False
        ).values_list("excerpt", "issue__code", "coding__issue__code")
        if coded != code
    ]
    return examples


@lru_cache(maxsize=2)
def _loaded(version: str):
    return engine.model_loads(bytes(SuggestionModel.objects.get(version=version).data))


def current_model():
    """The newest model, loaded once per worker (built from the taxonomy if none exists)."""
    stored = SuggestionModel.objects.only("version").first() or suggestion_model_rebuild()
    return _loaded(stored.version)


def document_suggestions_refresh(*, document_id: int) -> int:
    """Propose codings for a document's current text; returns how many are pending."""
    document = ReviewDocument.objects.filter(pk=document_id).first()
    if document is None or document.status != DocumentStatus.READY or not document.is_current:
        return 0
    model = current_model()
    pages = list(document.pages.order_by("number").values_list("number", "text"))
    proposed = [s for s in engine.suggest(pages, model) if s.score >= KEEP_FROM]
    issues = {issue.code: issue for issue in PracticeIssue.objects.filter(retired_at__isnull=True)}
    causes = Cause.objects.in_bulk([int(k) for s in proposed for k in s.cause_keys if k.isdigit()])
    with transaction.atomic():
        decided = {
            (page, code)
            for page, code in document.suggestions.exclude(
                status=SuggestionStatus.PENDING
            ).values_list("page", "issue__code")
        } | set(document.codings.values_list("page", "issue__code"))
        document.suggestions.filter(status=SuggestionStatus.PENDING).delete()
        made = 0
        for item in proposed:
            issue = issues.get(item.issue_code)
            if issue is None or (item.page, item.issue_code) in decided:
                continue
            suggestion = Suggestion.objects.create(
                document=document,
                page=item.page,
                excerpt=item.excerpt,
                issue=issue,
                score=round(min(max(item.score, 0.0), 1.0), 4),
                model_version=model.version,
            )
            suggestion.causes.set(
                [causes[int(k)] for k in item.cause_keys if k.isdigit() and int(k) in causes]
            )
            made += 1
    return made


def _check_analyst(user: User) -> None:
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts decide suggestions.")


def _locked_pending(suggestion: Suggestion) -> Suggestion:
    suggestion = (
        Suggestion.objects.select_for_update().select_related("document").get(pk=suggestion.pk)
    )
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError("This suggestion has already been decided.")
    return suggestion


@transaction.atomic
def suggestion_accept(
    *,
    user: User,
    suggestion: Suggestion,
    issue: PracticeIssue | None = None,
    causes: list[Cause] | None = None,
) -> Coding:
    """Accept a suggestion (as it is, or with another issue or causes): a coding in the
    analyst's name, marked as coming from the suggestion."""
    _check_analyst(user)
    suggestion = _locked_pending(suggestion)
    issue = issue or suggestion.issue
    if causes is None:
        causes = list(suggestion.causes.all()) if issue.pk == suggestion.issue_id else []
    coding = coding_create(
        user=user,
        document=suggestion.document,
        page=suggestion.page,
        excerpt=suggestion.excerpt,
        issue=issue,
        causes=causes,
        suggestion=suggestion,
    )
    suggestion.status, suggestion.decided_by = SuggestionStatus.ACCEPTED, user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    return coding


@transaction.atomic
def suggestion_reject(*, user: User, suggestion: Suggestion, reason: str = "") -> Suggestion:
    """Reject a suggestion, optionally saying why; the model learns from it."""
    _check_analyst(user)
    suggestion = _locked_pending(suggestion)
    suggestion.status, suggestion.reason = SuggestionStatus.REJECTED, reason.strip()[:2000]
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return suggestion
