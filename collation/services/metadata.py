"""Accepting the metadata the platform proposes from a review's report.

The review form pre-fills its empty fields with the proposals
(``selectors.metadata``) for the manager to check. ``review_proposals_accept``
is the manager saving that form with every proposal accepted: the demo's sample
reports take their details from their own text this way, not from a typed list.
"""

from django.db import transaction

from scr_platform.accounts.models import User

from ..models import AbuseCategory, Agency, Review
from ..selectors.metadata import FORM_FIELDS, review_metadata_proposals
from .reviews import review_update


@transaction.atomic
def review_proposals_accept(*, user: User, review: Review) -> list[str]:
    """Save every proposed value that differs from the review's; the fields changed."""
    changes, lists = {}, {}
    for name, proposal in review_metadata_proposals(review=review).items():
        field = FORM_FIELDS.get(name)
        if field == "abuse_categories":
            wanted = list(AbuseCategory.objects.filter(code__in=proposal.value))
            if set(wanted) != set(review.abuse_categories.all()):
                lists[field] = wanted
        elif field == "agencies":
            wanted = list(Agency.objects.filter(name__in=proposal.value))
            if set(wanted) != set(review.agencies.all()):
                lists[field] = wanted
        elif field is not None and getattr(review, field) != proposal.value:
            changes[field] = proposal.value
    if changes or lists:
        review_update(user=user, review=review, **changes, **lists)
    return sorted([*changes, *lists])
