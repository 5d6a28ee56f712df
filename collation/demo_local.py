"""Demo local learning (seed_demo): boards' own grids, local actions and outcomes.

The demo manager's board answers a few issues (three seen here, with evidence), with a
local action and a dated update. Other demo boards answer too, through the demo
administrator, so that the national picture has figures to show beside hidden ones. The
Yorkshire and Humber board shares its grid and records outcomes of its published demo
report's recommendations, one of them overdue. Safe to run again: nothing is added twice.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import Board, User

from .models import LocalAction, PracticeIssue, Recommendation, Review
from .services.local import (
    local_action_create,
    local_action_update,
    local_issue_record,
    local_sharing_set,
    outcome_record,
)

SHARING_REFERENCE = "DEMO-004"
# (issue position in the grid, answer, evidence) for the demo manager's board.
OWN_ANSWERS = (
    (0, "seen", "Two of our last three reviews found GP information not shared."),
    (2, "seen", "The 2025 multi-agency audit of 40 cases found it in 9."),
    (5, "seen", "Raised by health visitors at the practitioner forum in March."),
    (1, "not_seen", "Audited in 2024: information was shared in every case sampled."),
    (3, "unknown", ""),
)


def _action(*, user, board, issue, title, due_on, update=None) -> bool:
    if LocalAction.objects.filter(board=board, issue=issue, title=title).exists():
        return False
    action = local_action_create(
        user=user, board=board, issue=issue, title=title, owner="Designated nurse", due_on=due_on
    )
    if update:
        local_action_update(user=user, action=action, text=update, status="in_progress")
    return True


def _outcomes(admin: User) -> int:
    review = Review.objects.public().filter(reference=SHARING_REFERENCE).first()
    if review is None:
        return 0
    local_sharing_set(user=admin, board=review.board, shared=True)
    recommendations = list(
        Recommendation.objects.public().filter(document__review=review).order_by("position")[:3]
    )
    today = timezone.localdate()
    plans = (
        [("accepted", today + datetime.timedelta(days=120))],
        [
            ("accepted", today - datetime.timedelta(days=400)),
            ("in_progress", today - datetime.timedelta(days=30)),  # overdue
        ],
        [("accepted", today - datetime.timedelta(days=500)), ("implemented", today)],
    )
    recorded = 0
    for recommendation, plan in zip(recommendations, plans, strict=False):
        if recommendation.outcomes.exists():
            continue
        for status, due_on in plan:
            outcome_record(
                user=admin,
                recommendation=recommendation,
                status=status,
                response="The agency accepts the recommendation and has an action plan.",
                evidence="Action plan reported to the board's learning sub-group.",
                due_on=due_on,
            )
            recorded += 1
    return recorded


@transaction.atomic
def local_demo_seed() -> list[str]:
    manager = User.objects.get(username="manager")
    admin = User.objects.get(username="admin")
    issues = list(PracticeIssue.objects.filter(retired_at__isnull=True))
    board = manager.board
    for position, status, evidence in OWN_ANSWERS:
        local_issue_record(
            user=manager, board=board, issue=issues[position], status=status, evidence=evidence
        )
    added = _action(
        user=manager,
        board=board,
        issue=issues[0],
        title="GP safeguarding leads to share parental information at strategy meetings",
        due_on=timezone.localdate() + datetime.timedelta(days=90),
        update="Agreed by the CCG's safeguarding lead; training booked.",
    )
    # Other boards: enough answering the first issues for national figures to show.
    others = list(Board.objects.exclude(pk=board.pk).order_by("name")[:6])
    for n, other in enumerate(others):
        local_issue_record(
            user=admin, board=other, issue=issues[0], status="seen", evidence="Local audit."
        )
        local_issue_record(
            user=admin,
            board=other,
            issue=issues[2],
            status="seen" if n % 2 else "not_seen",
            evidence="Case file audit.",
        )
        if n < 3:
            for title in ("Audit of GP information sharing", "Briefing for GP practices"):
                _action(
                    user=admin,
                    board=other,
                    issue=issues[0],
                    title=title,
                    due_on=timezone.localdate() + datetime.timedelta(days=60 * (n + 1)),
                )
    outcomes = _outcomes(admin)
    return [
        f"{board}: {len(OWN_ANSWERS)} grid answers at /boards/{board.slug}/grid/"
        + (", a local action with an update." if added else " (already there)."),
        f"{len(others)} other boards answered two issues; national view at /trends/local/.",
        f"{outcomes} recommendation outcomes recorded for {SHARING_REFERENCE} (shared).",
    ]
