"""Who may see and do what in reviewer development: the one place it is written.

Selectors, pages and the API all ask here, so a profile part hidden on a
page can never be read from the API.
"""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role, is_administrator

from .choices import Visibility

# The parts of a profile a reviewer can make public, besides their name.
PUBLIC_PARTS = ("background", "experience", "methods", "regions", "availability")
# Board managers and administrators also see how to contact the reviewer.
ALL_PARTS = (*PUBLIC_PARTS, "contact")


def is_reviewer(user) -> bool:
    """Lead reviewers (and administrators) keep a profile, apply and keep a CPD log."""
    return has_role(user, [Role.LEAD_REVIEWER])


def sees_listed_profiles(user) -> bool:
    """Board managers and administrators see whole profiles listed for boards."""
    return has_role(user, [Role.LSCB_MANAGER])


def can_allocate(user) -> bool:
    """Only administrators run and confirm allocations and record attendance."""
    return is_administrator(user)


def visible_visibilities(user) -> tuple[str, ...]:
    """The profile visibilities this user may find in the directory."""
    if sees_listed_profiles(user):
        return (Visibility.BOARDS, Visibility.PUBLIC)
    return (Visibility.PUBLIC,)


def profile_parts(user, profile) -> frozenset[str]:
    """The parts of ``profile`` this user may see (their name is always shown)."""
    if getattr(user, "is_authenticated", False) and profile.user_id == user.pk:
        return frozenset(ALL_PARTS)
    if profile.visibility not in visible_visibilities(user):
        return frozenset()
    if sees_listed_profiles(user):
        return frozenset(ALL_PARTS)
    return frozenset(part for part in PUBLIC_PARTS if getattr(profile, f"show_{part}"))


def can_view_profile(user, profile) -> bool:
    """The owner, and whoever the profile's visibility lets find it."""
    own = getattr(user, "is_authenticated", False) and profile.user_id == user.pk
    return own or profile.visibility in visible_visibilities(user)
