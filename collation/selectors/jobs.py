"""Which background jobs are stuck or failed: the sweep that sends stuck jobs again and the
administrators' dashboard read the same definitions from here."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from ..choices import JobStatus, RedactionStatus
from ..models import ProcessingJob, RedactionJob

# A job whose heartbeat is older than this is taken to be stuck. Progress is
# written every few pages, so a live job is never near it.
STUCK_AFTER = timedelta(minutes=10)

PROCESSING_ACTIVE = (JobStatus.QUEUED, JobStatus.EXTRACTING, JobStatus.OCR, JobStatus.ANALYSING)
PUBLIC_COPY_ACTIVE = (RedactionStatus.QUEUED, RedactionStatus.REDACTING, RedactionStatus.READING)


def processing_stuck_q(*, older_than: timedelta = STUCK_AFTER) -> Q:
    """Processing jobs whose heartbeat stopped, or whose task never reached the queue."""
    deadline = timezone.now() - older_than
    return Q(status__in=PROCESSING_ACTIVE, updated_at__lt=deadline) | Q(status=JobStatus.QUEUE_DOWN)


def public_copy_stuck_q(*, older_than: timedelta = STUCK_AFTER) -> Q:
    """Public-copy jobs whose heartbeat stopped, or whose task never reached the queue."""
    deadline = timezone.now() - older_than
    return Q(status__in=PUBLIC_COPY_ACTIVE, updated_at__lt=deadline) | Q(
        status=RedactionStatus.QUEUE_DOWN
    )


@dataclass(frozen=True)
class JobCounts:
    failed: int  # on current documents: a replaced document's failure needs nobody
    stuck: int  # includes those waiting for the queue
    waiting_for_queue: int


@dataclass(frozen=True)
class JobsHealth:
    """Failed jobs (newest first, with their documents) and how many jobs are failed,
    stuck or waiting for the queue, for the administrators' dashboard."""

    failed_processing: list[ProcessingJob]
    failed_public_copies: list[RedactionJob]
    processing: JobCounts
    public_copies: JobCounts


def _counts(model, *, failed, stuck_q: Q, queue_down) -> JobCounts:
    counts = model.objects.aggregate(
        failed=Count("pk", filter=Q(status=failed, document__superseded_by__isnull=True)),
        stuck=Count("pk", filter=stuck_q),
        waiting_for_queue=Count("pk", filter=Q(status=queue_down)),
    )
    return JobCounts(**counts)


def _failed(model, status, limit: int) -> list:
    return list(
        model.objects.filter(status=status, document__superseded_by__isnull=True)
        .select_related("document__review")
        .order_by("-updated_at", "-pk")[:limit]
    )


def jobs_health(*, limit: int) -> JobsHealth:
    """Up to ``limit`` failed jobs of each kind on current documents, and the counts, in
    four queries."""
    return JobsHealth(
        failed_processing=_failed(ProcessingJob, JobStatus.FAILED, limit),
        failed_public_copies=_failed(RedactionJob, RedactionStatus.FAILED, limit),
        processing=_counts(
            ProcessingJob,
            failed=JobStatus.FAILED,
            stuck_q=processing_stuck_q(),
            queue_down=JobStatus.QUEUE_DOWN,
        ),
        public_copies=_counts(
            RedactionJob,
            failed=RedactionStatus.FAILED,
            stuck_q=public_copy_stuck_q(),
            queue_down=RedactionStatus.QUEUE_DOWN,
        ),
    )
