"""Who may see which review and document: each rule written once, as a query expression.

Every selector, page, API route, export, feed and search filters with these
expressions, and ``rules.py`` asks them about a single row, so a draft, a
withdrawn review, a replaced document or a document held back for checking can
never be shown by one path and hidden by another.

- A **review** is public while it is published. Its unpublished states (a
  draft, a withdrawn review) and everything superseded inside it are seen by
  the people who may see its drafts: its board's managers, its lead reviewer,
  analysts and administrators.
- A **document** is public when its review is published, it is current (not
  replaced by a corrected copy), it is not held back while new findings of
  personal data are checked, and its public copy (the redacted PDF, whose
  text the pages hold) carries every redaction decided so far. Everyone who
  may see the review's drafts sees all of its documents.
- Rows derived from a document (pages, flags, recommendations, codings)
  follow their document: pass ``via="document__"``.
- A **coding** counts in public figures, excerpts and exports only once a
  second analyst has verified it (agreed, or a disagreement resolved), and
  while its document is public.

Each function takes ``via``, the lookup path from the queried model to the
review or document, so the same rule filters reviews, documents, pages and
codings alike.
"""

from django.db.models import F, Q

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, user_roles

from .choices import COUNTED_VERIFICATIONS, ReviewStatus

# Roles that see every review in every state.
NATIONAL_ROLES = (Role.ANALYST, Role.ADMINISTRATOR)


def _q(via: str, **lookups) -> Q:
    return Q(**{f"{via}{name}": value for name, value in lookups.items()})


def review_drafts_q(user, *, via: str = "") -> Q:
    """Reviews whose unpublished states (draft, withdrawn, replaced documents) ``user`` sees."""
    if has_role(user, NATIONAL_ROLES):
        return _q(via, pk__isnull=False)
    allowed = _q(via, pk__isnull=True)  # nothing (a key is never null), unless a role adds
    roles = user_roles(user)
    if Role.LSCB_MANAGER in roles and user.board_id is not None:
        allowed |= _q(via, board_id=user.board_id)
    if Role.LEAD_REVIEWER in roles:
        allowed |= _q(via, lead_reviewer_id=user.pk)
    return allowed


def review_public_q(*, via: str = "") -> Q:
    """Reviews everyone may see: the published ones."""
    return _q(via, status=ReviewStatus.PUBLISHED)


def review_visible_q(user, *, via: str = "") -> Q:
    """Reviews ``user`` may see: published ones, and those whose drafts they see."""
    return review_public_q(via=via) | review_drafts_q(user, via=via)


def document_public_q(*, via: str = "") -> Q:
    """Documents everyone may see: current, not held back, of a published review, and
    with a public copy made with every redaction decided so far."""
    return (
        _q(
            via,
            superseded_by__isnull=True,
            withheld_at__isnull=True,
            public_copy_digest=F(f"{via}redaction_digest"),
        )
        & ~_q(via, public_copy="")
        & review_public_q(via=f"{via}review__")
    )


def document_visible_q(user, *, via: str = "") -> Q:
    """Documents ``user`` may see: the public ones, and every document of a review whose
    drafts they see (replaced and held-back ones included)."""
    return document_public_q(via=via) | review_drafts_q(user, via=f"{via}review__")


def coding_counted_q(*, via: str = "") -> Q:
    """Codings a second analyst has verified: they count in public figures and excerpts."""
    return _q(via, verification__in=COUNTED_VERIFICATIONS)


def coding_public_q(*, via: str = "") -> Q:
    """Codings everyone may see: verified, on a public document."""
    return coding_counted_q(via=via) & document_public_q(via=f"{via}document__")


# Who sees a board's own grid, local actions and recommendation outcomes once the board
# shares them: the professionals who hold the platform's working roles. Not the public,
# and not practitioners (anyone may register as one): they see the national aggregates.
LOCAL_SHARED_ROLES = (
    Role.LSCB_MANAGER,
    Role.LEAD_REVIEWER,
    Role.ANALYST,
    Role.ALLIANCE_MEMBER,
)


def local_learning_q(user, *, via: str = "") -> Q:
    """Boards whose own grid and recommendation outcomes ``user`` sees (``via`` leads to
    the board): its own managers and administrators always; the professional roles above
    once the board shares them. Everyone else sees only the suppressed national figures."""
    roles = user_roles(user)
    if Role.ADMINISTRATOR in roles:
        return _q(via, pk__isnull=False)
    allowed = _q(via, pk__isnull=True)
    if Role.LSCB_MANAGER in roles and user.board_id is not None:
        allowed |= _q(via, pk=user.board_id)
    if not roles.isdisjoint(LOCAL_SHARED_ROLES):
        allowed |= _q(via, local_sharing__shared=True)
    return allowed
