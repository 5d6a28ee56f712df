"""Writes on recommendations: an analyst codes what each recommendation is and answers."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..choices import SMART_CRITERIA
from ..models import Agency, PracticeIssue, Recommendation, RecommendationTheme


@transaction.atomic
def recommendation_code(
    *,
    user: User,
    recommendation: Recommendation,
    agency: Agency | None,
    theme: RecommendationTheme | None,
    layer: str,
    smart: Iterable[str],
    issues: Iterable[PracticeIssue],
) -> Recommendation:
    """Record a recommendation's agency, theme, layer, SMART criteria and issues."""
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts code recommendations.")
    smart = set(smart)
    unknown = smart - set(SMART_CRITERIA)
    if unknown:
        raise ValueError(f"Not SMART criteria: {', '.join(sorted(unknown))}")
    recommendation.agency, recommendation.theme, recommendation.layer = agency, theme, layer
    for field in SMART_CRITERIA:
        setattr(recommendation, field, field in smart)
    recommendation.coded_by, recommendation.coded_at = user, timezone.now()
    recommendation.full_clean(exclude=["document", "coded_by"])
    recommendation.save()
    recommendation.issues.set(issues)
    return recommendation
