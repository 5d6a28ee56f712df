"""Collation's panels on the dashboard: a board manager's reviews, an analyst's coding, and
the processing jobs administrators watch. Registered from ``CollationConfig.ready()``."""

from functools import wraps

from django.urls import reverse

from scr_platform.accounts.choices import Role
from scr_platform.dashboard import ITEMS_SHOWN, DashboardPanel, WorkItem, register, work_list

from .selectors.jobs import jobs_health
from .selectors.local import overdue_outcomes
from .selectors.verification import disagreements_to_resolve, reviews_to_verify
from .selectors.work import (
    board_documents_needing_attention,
    board_drafts_ready_to_publish,
    board_reviews_with_open_flags,
    documents_with_suggestions,
)

NO_BOARD = (
    "You are not linked to a board yet, so no reviews wait for you. "
    "Ask an administrator to add you to your board."
)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _review_label(review) -> str:
    return f"{review.reference}: {review.title}"


def _board_work(build):
    """A manager's panel: their board's work, or why there is none without a board."""

    @wraps(build)
    def work(user):
        if user.board_id is None:
            return work_list([], empty=NO_BOARD)
        return build(user.board_id)

    return work


@_board_work
def flags_to_check(board_id: int):
    reviews = list(board_reviews_with_open_flags(board_id=board_id))
    return work_list(
        [
            WorkItem(
                _review_label(review),
                reverse("collation:personal-data-check", args=[review.pk]),
                count=review.open_flags,
                hint=_plural(review.open_flags, "item to check", "items to check"),
            )
            for review in reviews
        ],
        empty="No possible personal data is waiting to be checked.",
    )


@_board_work
def documents_needing_attention(board_id: int):
    documents = list(board_documents_needing_attention(board_id=board_id))
    return work_list(
        [
            WorkItem(
                f"{document.review.reference}: {document}",
                document.review.get_absolute_url(),
                hint=document.get_status_display(),
            )
            for document in documents
        ],
        empty="No documents are being processed or need replacing.",
    )


@_board_work
def drafts_ready_to_publish(board_id: int):
    reviews = board_drafts_ready_to_publish(board_id=board_id)
    return work_list(
        [
            WorkItem(
                _review_label(review),
                reverse("collation:review-publish", args=[review.pk]),
                hint="Ready to publish",
            )
            for review in reviews
        ],
        empty="No drafts are ready to publish.",
    )


@_board_work
def outcomes_overdue(board_id: int):
    overdue = list(overdue_outcomes(board_id=board_id))  # one query
    return work_list(
        [
            WorkItem(
                f"{outcome.recommendation.document.review.reference}: "
                f"recommendation {outcome.recommendation.number}",
                reverse(
                    "collation:recommendation-outcomes",
                    args=[outcome.recommendation.document.review_id],
                )
                + f"#recommendation-{outcome.recommendation_id}",
                hint=f"{outcome.get_status_display()}, due {outcome.due_on:%-d %B %Y}",
            )
            for outcome in overdue
        ],
        empty="No recommendation outcomes are overdue.",
    )


def suggestions_waiting(user):
    documents = list(documents_with_suggestions(user=user))
    return work_list(
        [
            WorkItem(
                f"{document.review.reference}: {document}",
                reverse(
                    "collation:coding-page",
                    args=[document.review_id, document.pk, document.first_page],
                ),
                count=document.pending,
                hint=_plural(document.pending, "suggestion", "suggestions"),
            )
            for document in documents
        ],
        empty="No suggested codings are waiting for you.",
    )


def codings_to_verify(user):
    reviews = reviews_to_verify(user=user)
    disagreements = disagreements_to_resolve(user=user).count()
    notes = []
    if disagreements:
        notes.append(
            f"{_plural(disagreements, 'disagreement', 'disagreements')} about codings to settle."
        )
    return work_list(
        [
            WorkItem(
                _review_label(review),
                reverse("collation:verify-review", args=[review.pk]),
                count=count,
                hint=_plural(count, "coding", "codings"),
            )
            for review, count in reviews
        ],
        empty="No codings by other analysts are waiting to be verified.",
        more_href=reverse("collation:verification"),
        more_label="All verification work",
        notes=notes,
    )


def failed_jobs(user):
    health = jobs_health(limit=ITEMS_SHOWN)
    items = [
        WorkItem(
            f"{job.document.review.reference}: {job.document}",
            job.document.review.get_absolute_url(),
            hint=f"Processing failed: {job.message}" if job.message else "Processing failed",
        )
        for job in health.failed_processing
    ] + [
        WorkItem(
            f"{job.document.review.reference}: {job.document}",
            job.document.review.get_absolute_url(),
            hint="Public copy failed",
        )
        for job in health.failed_public_copies
    ]
    stuck = health.processing.stuck + health.public_copies.stuck
    waiting = health.processing.waiting_for_queue + health.public_copies.waiting_for_queue
    notes = []
    if stuck:
        notes.append(
            f"{_plural(stuck, 'job has', 'jobs have')} stopped or not reached the queue "
            f"({waiting} waiting for the queue). The sweep sends them again every 5 minutes."
        )
    return work_list(
        items,
        total=health.processing.failed + health.public_copies.failed,
        empty="No processing or public-copy jobs have failed.",
        more_href=f"{reverse('admin:collation_processingjob_changelist')}?status__exact=failed",
        more_label="All failed processing jobs",
        notes=notes,
    )


def register_dashboard() -> None:
    register(
        DashboardPanel(Role.LSCB_MANAGER, "Personal data to check", flags_to_check, order=10),
        DashboardPanel(
            Role.LSCB_MANAGER,
            "Documents processing or failed",
            documents_needing_attention,
            order=11,
        ),
        DashboardPanel(
            Role.LSCB_MANAGER, "Drafts ready to publish", drafts_ready_to_publish, order=12
        ),
        DashboardPanel(
            Role.LSCB_MANAGER, "Overdue recommendation outcomes", outcomes_overdue, order=13
        ),
        DashboardPanel(Role.ANALYST, "Suggested codings waiting", suggestions_waiting, order=20),
        DashboardPanel(Role.ANALYST, "Codings to verify", codings_to_verify, order=21),
        DashboardPanel(Role.ADMINISTRATOR, "Failed jobs", failed_jobs, order=90),
    )
