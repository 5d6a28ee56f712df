"""Collation: thin DRF viewsets; visibility from selectors, writes through services."""

from .coding import CodingViewSet, PracticeIssueViewSet, StageViewSet, TrendGridView
from .documents import DocumentViewSet, JobViewSet, RecommendationViewSet
from .flags import FlagViewSet
from .following import FollowViewSet
from .learning import BriefingAudienceViewSet, TrainingPackViewSet
from .local import (
    LocalActionViewSet,
    LocalIssueViewSet,
    LocalNationalView,
    LocalSharingView,
    OutcomeRatesView,
    RecommendationOutcomeViewSet,
)
from .overview import OverviewView
from .reviews import ReviewViewSet
from .search import SearchView
from .suggestions import SuggestionViewSet, VerificationViewSet

__all__ = [
    "BriefingAudienceViewSet",
    "CodingViewSet",
    "DocumentViewSet",
    "FlagViewSet",
    "FollowViewSet",
    "JobViewSet",
    "LocalActionViewSet",
    "LocalIssueViewSet",
    "LocalNationalView",
    "LocalSharingView",
    "OutcomeRatesView",
    "OverviewView",
    "PracticeIssueViewSet",
    "RecommendationOutcomeViewSet",
    "RecommendationViewSet",
    "ReviewViewSet",
    "SearchView",
    "StageViewSet",
    "SuggestionViewSet",
    "TrainingPackViewSet",
    "TrendGridView",
    "VerificationViewSet",
]
