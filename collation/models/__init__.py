"""Collation's models, one module per part; every model is importable from here.

- ``reviews``: reviews, agencies, abuse categories
- ``documents``: stored PDFs, their pages, processing, personal data flags, public copies
- ``recommendations``: recommendations found in reports, and their themes
- ``coding``: the practice-issue taxonomy, codings (and their verification), the derived
  review–issue table, briefings
- ``suggestions``: codings the worker proposes, and the model it proposes them with
- ``following``: followers, what they follow, and each period's digest delivery
- ``local``: a board's own grid, its local actions, recommendation outcomes, sharing
- ``learning``: a briefing's audience versions, training packs on a practice issue
"""

from .coding import Briefing, Cause, Coding, PracticeIssue, ReviewIssue, Stage
from .documents import (
    DocumentPage,
    PersonalDataFlag,
    ProcessingJob,
    RedactionJob,
    ReviewDocument,
    document_upload_path,
    ocr_copy_path,
    public_copy_path,
)
from .following import DigestDelivery, DigestFrequency, Follow, Follower
from .learning import Audience, BriefingAudience, TrainingPack
from .local import (
    LocalAction,
    LocalActionUpdate,
    LocalIssue,
    LocalSharing,
    RecommendationOutcome,
)
from .recommendations import Recommendation, RecommendationTheme
from .reviews import AbuseCategory, Agency, Review
from .suggestions import Suggestion, SuggestionModel

__all__ = [
    "AbuseCategory",
    "Agency",
    "Audience",
    "Briefing",
    "BriefingAudience",
    "Cause",
    "Coding",
    "DigestDelivery",
    "DigestFrequency",
    "DocumentPage",
    "Follow",
    "Follower",
    "LocalAction",
    "LocalActionUpdate",
    "LocalIssue",
    "LocalSharing",
    "PersonalDataFlag",
    "PracticeIssue",
    "ProcessingJob",
    "Recommendation",
    "RecommendationOutcome",
    "RecommendationTheme",
    "RedactionJob",
    "Review",
    "ReviewDocument",
    "ReviewIssue",
    "Stage",
    "Suggestion",
    "SuggestionModel",
    "TrainingPack",
    "document_upload_path",
    "ocr_copy_path",
    "public_copy_path",
]
