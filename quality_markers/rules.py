"""Who may see and make Quality Marker assessments: the one place it is written.

The markers are a support tool, not a compliance stick: an assessment is
private to the review's board (its managers), the review's lead reviewer and
its author. Analysts do not see them; a board that shares contributes only to
anonymised national figures. Administrators see everything.
"""

from collation.models import Review
from collation.rules import can_view_review
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator

from .models import Assessment


def is_board_manager_of(user, board_id: int | None) -> bool:
    return (
        board_id is not None
        and has_role(user, [Role.LSCB_MANAGER])
        and getattr(user, "board_id", None) == board_id
    )


def is_lead_reviewer_of(user, review: Review) -> bool:
    return has_role(user, [Role.LEAD_REVIEWER]) and review.lead_reviewer_id == user.pk


def can_assess(user, review: Review) -> bool:
    """The review's lead reviewer, its board's managers and administrators."""
    if not getattr(user, "is_authenticated", False) or not can_view_review(user, review):
        return False
    return (
        is_administrator(user)
        or is_board_manager_of(user, review.board_id)
        or is_lead_reviewer_of(user, review)
    )


def can_view_assessment(user, assessment: Assessment) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return assessment.author_id == user.pk or can_assess(user, assessment.review)


def can_edit_assessment(user, assessment: Assessment) -> bool:
    """Only its author, and only while it is a draft: a submitted assessment is a record."""
    return (
        assessment.is_draft
        and assessment.author_id == user.pk
        and can_assess(user, assessment.review)
    )


def can_view_board_summary(user, board_id: int) -> bool:
    return is_administrator(user) or is_board_manager_of(user, board_id)


def can_change_sharing(user, board_id: int) -> bool:
    return can_view_board_summary(user, board_id)
