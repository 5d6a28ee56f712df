"""Who may see and change a review: the one place these rules are written.

Selectors, pages and the API all ask here, so a draft can never be shown by
one path and hidden by another.
"""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator, user_roles

from .choices import ReviewStatus
from .models import Review

# Roles that see every review, draft or not.
NATIONAL_ROLES = (Role.ANALYST, Role.ADMINISTRATOR)


def sees_all_drafts(user) -> bool:
    """Analysts and administrators see every draft."""
    return has_role(user, NATIONAL_ROLES)


def can_view_review(user, review: Review) -> bool:
    """Published: everyone. Draft: its board, its lead reviewer, analysts, administrators."""
    if review.status == ReviewStatus.PUBLISHED or sees_all_drafts(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    roles = user_roles(user)
    if Role.LSCB_MANAGER in roles and user.board_id == review.board_id:
        return True
    return Role.LEAD_REVIEWER in roles and review.lead_reviewer_id == user.pk


def can_register_review(user) -> bool:
    """LSCB managers with a board, and administrators."""
    if is_administrator(user):
        return True
    return has_role(user, [Role.LSCB_MANAGER]) and user.board_id is not None


def can_manage_review(user, review: Review) -> bool:
    """Upload, correct metadata, clear personal data, publish: the board's managers and admins."""
    if is_administrator(user):
        return True
    return has_role(user, [Role.LSCB_MANAGER]) and user.board_id == review.board_id


def can_see_personal_data_flags(user, review: Review) -> bool:
    """Flags quote the personal data itself: only those who manage the review, and analysts."""
    return can_manage_review(user, review) or has_role(user, [Role.ANALYST])
