"""Reads on the reviewer directory, as each user may see it."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from collation import visibility
from collation.models import Review

from ..models import ReviewerProfile
from ..rules import can_view_profile, visible_visibilities


def _with_counts(profiles: QuerySet[ReviewerProfile]) -> QuerySet[ReviewerProfile]:
    # Only published reviews are counted for show: a draft is never confirmed
    # to exist to someone who may not see it.
    return (
        profiles.select_related("user")
        .prefetch_related("regions", "methods")
        .annotate(
            platform_reviews=Count(
                "user__led_reviews",
                filter=visibility.review_public_q(via="user__led_reviews__"),
                distinct=True,
            )
        )
        # Meta.ordering does not apply to a grouped query: say it here.
        .order_by("user__last_name", "user__first_name", "pk")
    )


def profile_list(*, user) -> QuerySet[ReviewerProfile]:
    """Profiles this user may find: public ones; managers and admins also those for boards."""
    visible = Q(visibility__in=visible_visibilities(user))
    if getattr(user, "is_authenticated", False):
        visible |= Q(user=user)
    return _with_counts(ReviewerProfile.objects.filter(visible, user__is_active=True))


def profile_get(*, user, pk: int) -> ReviewerProfile:
    """One profile the user may see, or 404 (a private profile is never confirmed to exist)."""
    profile = _with_counts(ReviewerProfile.objects.filter(pk=pk, user__is_active=True)).first()
    if profile is None or not can_view_profile(user, profile):
        raise Http404("No such reviewer")
    return profile


def profile_of(*, user) -> ReviewerProfile | None:
    """The user's own profile, if they have made one."""
    return _with_counts(ReviewerProfile.objects.filter(user=user)).first()


def profile_reviews(*, viewer, profile: ReviewerProfile) -> QuerySet[Review]:
    """The platform's reviews this reviewer led that the viewer may see."""
    from collation.selectors import review_list

    return (
        review_list(user=viewer)
        .filter(lead_reviewer_id=profile.user_id)
        .order_by("-publication_date", "-pk")
    )
