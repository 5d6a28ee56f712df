"""Who may see and change a review and its documents.

What each user may *see* is written once, as query expressions, in
``collation.visibility``; the questions here about a single row ask those same
expressions, so a draft can never be shown by one path and hidden by another.
What each user may *do* is written here.
"""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator

from .models import Review, ReviewDocument
from .visibility import NATIONAL_ROLES


def sees_all_drafts(user) -> bool:
    """Analysts and administrators see every draft."""
    return has_role(user, NATIONAL_ROLES)


def can_view_review(user, review: Review) -> bool:
    """Published: everyone. Otherwise: its board, its lead reviewer, analysts, administrators."""
    return Review.objects.visible_to(user).filter(pk=review.pk).exists()


def can_view_drafts_of(user, review: Review) -> bool:
    """May see the review's unpublished states: drafts, withdrawal, replaced documents."""
    return Review.objects.drafts_visible_to(user).filter(pk=review.pk).exists()


def can_view_document(user, document: ReviewDocument) -> bool:
    """A document is public while current, not held back, of a published review."""
    return ReviewDocument.objects.visible_to(user).filter(pk=document.pk).exists()


def can_register_review(user) -> bool:
    """LSCB managers with a board, and administrators."""
    if is_administrator(user):
        return True
    return has_role(user, [Role.LSCB_MANAGER]) and user.board_id is not None


def can_manage_review(user, review: Review) -> bool:
    """Upload, correct metadata, check personal data, publish, withdraw: the board's
    managers and administrators. Nobody, for a synthetic demo review: it stands for no
    real case and must not be made to look like one."""
    if review.is_synthetic:
        return False
    if is_administrator(user):
        return True
    return has_role(user, [Role.LSCB_MANAGER]) and user.board_id == review.board_id


def can_see_original(user, review: Review) -> bool:
    """The original PDF, before redaction, is private: those who see the review's drafts
    (its board, its lead reviewer, the national team) and nobody else."""
    return can_view_drafts_of(user, review)


def can_see_personal_data_flags(user, review: Review) -> bool:
    """Flags quote the personal data itself: only those who manage the review, and analysts."""
    return can_manage_review(user, review) or has_role(user, [Role.ANALYST])


def can_delete_original(user) -> bool:
    """Administrators may delete an original once its public copy exists."""
    return is_administrator(user)


def can_edit_summary(user) -> bool:
    """A review's summary is drafted from its codings: those who code (analysts, and
    administrators) check and edit it."""
    return has_role(user, [Role.ANALYST])
