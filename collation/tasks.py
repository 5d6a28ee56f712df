"""Celery tasks for collation: thin, idempotent, each calling one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .models import ReviewDocument
from .selectors.jobs import STUCK_AFTER
from .services.digests import digests_send
from .services.personal_data_recheck import documents_recheck
from .services.processing import codings_propose, document_process, jobs_requeue_stuck
from .services.redaction import public_copies_requeue_stuck, public_copy_make
from .services.suggestions import suggestion_model_rebuild
from .services.trends import review_issues_rebuild, review_issues_refresh

# No caller ever reads these tasks' return values, so none is stored
# (ignore_result). This matters beyond saving Redis memory: with a result
# backend, every .delay() first subscribes the sending process to the result's
# channel. With Redis down that subscription retried for about 20 s and then
# raised RuntimeError("The Celery application must be restarted") inside the
# upload request, after the upload had committed (found by the Redis fault
# test in tests/system/); in a long-lived web process the subscriptions also
# pile up. Without it, a send fails at once with kombu's OperationalError,
# which services.processing.document_enqueue handles.


@shared_task(
    name="collation.process_document",
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def process_document(document_id: int) -> None:
    """Extract and analyse one document's text (safe to run more than once)."""
    if not ReviewDocument.objects.filter(pk=document_id).exists():
        return
    document_process(document_id=document_id)


@shared_task(
    name="collation.suggest_codings",
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def suggest_codings(document_id: int) -> None:
    """Propose codings for a document's stored text (safe to run more than once)."""
    if not ReviewDocument.objects.filter(pk=document_id).exists():
        return
    codings_propose(document_id=document_id)


@shared_task(
    name="collation.make_public_copy",
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def make_public_copy(document_id: int) -> None:
    """Make a document's redacted public copy (safe to run more than once)."""
    if not ReviewDocument.objects.filter(pk=document_id).exists():
        return
    public_copy_make(document_id=document_id)


@shared_task(name="collation.requeue_stuck_jobs", ignore_result=True)
def requeue_stuck_jobs() -> list[int]:
    """Periodic sweep: queue again the jobs (processing, public copies) whose worker stopped."""
    return jobs_requeue_stuck(older_than=STUCK_AFTER) + public_copies_requeue_stuck(
        older_than=STUCK_AFTER
    )


@shared_task(name="collation.recheck_personal_data", ignore_result=True)
def recheck_personal_data() -> int:
    """Check published documents again with the current personal data detector."""
    return len(documents_recheck())


@shared_task(name="collation.refresh_review_issues", ignore_result=True)
def refresh_review_issues(review_id: int) -> None:
    """Incremental trend update: one review's practice issues, after a coding changed."""
    review_issues_refresh(review_id=review_id)


@shared_task(name="collation.rebuild_suggestion_model", ignore_result=True)
def rebuild_suggestion_model() -> str:
    """Nightly: learn from the day's accepted and rejected suggestions."""
    return suggestion_model_rebuild().version


@shared_task(name="collation.rebuild_review_issues", ignore_result=True)
def rebuild_review_issues() -> int:
    """Nightly full trend rebuild from every coding."""
    return review_issues_rebuild()


@shared_task(name="collation.send_digests", ignore_result=True)
def send_digests() -> None:
    """Daily: send each follower's digest for the period that has just ended, once."""
    digests_send()
