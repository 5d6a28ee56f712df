"""Collation in Django admin: every record, for administrators to look up, read-only.

Nothing here is edited, for one of three reasons:

* **derived data** is computed, and recomputed: a document's pages (text and
  search vector) and its processing job come from the file, a flag's detection
  (kind, page, text, context) from the pages, ``ReviewIssue`` from codings;
* **the app's own records** — reviews and their documents, recommendations,
  flags' resolutions, the taxonomy, codings and briefings — are written through
  services that hold the rules admin would skip: the publication gate, a reason
  for every cleared flag, issues retired and never deleted, the cache versions
  that keep public pages and trend figures current;
* **reference lists** (agencies, abuse categories, recommendation themes) come
  from ``data/`` and are loaded after every migrate: a name changed or removed
  here would come back.

So each page links to where the record is changed, when it has a page
(``view_on_site``), and administrators hold only the ``view`` permission
(``scr_platform/accounts/roles.py``).
"""

from django.contrib import admin

from .models import (
    AbuseCategory,
    Agency,
    Briefing,
    BriefingAudience,
    Cause,
    Coding,
    DigestDelivery,
    DocumentPage,
    Follow,
    Follower,
    LocalAction,
    LocalActionUpdate,
    LocalIssue,
    LocalSharing,
    PersonalDataFlag,
    PracticeIssue,
    ProcessingJob,
    Recommendation,
    RecommendationOutcome,
    RecommendationTheme,
    RedactionJob,
    Review,
    ReviewDocument,
    ReviewIssue,
    Stage,
    TrainingPack,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here (see the module's docstring)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "board", "status", "publication_date", "incident"]
    list_filter = ["status", "incident", "child_age_band", "board__region"]
    search_fields = ["reference", "title", "board__name"]
    list_select_related = ["board"]
    date_hierarchy = "publication_date"


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(ReadOnlyAdmin):
    list_display = [
        "original_filename",
        "review",
        "kind",
        "status",
        "page_count",
        "public_copy_made_at",
        "withheld_at",
        "uploaded_at",
    ]
    list_filter = ["kind", "status", "detector_version"]
    search_fields = ["original_filename", "sha256", "review__reference"]
    list_select_related = ["review"]


@admin.register(DocumentPage)
class DocumentPageAdmin(ReadOnlyAdmin):
    list_display = ["document", "number"]
    search_fields = ["document__original_filename", "document__review__reference"]
    list_select_related = ["document"]
    # Hundreds of thousands of pages: no full count on every changelist.
    show_full_result_count = False


@admin.register(ProcessingJob)
class ProcessingJobAdmin(ReadOnlyAdmin):
    list_display = ["document", "status", "progress_current", "progress_total", "attempts"]
    list_filter = ["status"]
    search_fields = ["document__original_filename", "document__review__reference", "error"]
    list_select_related = ["document"]


@admin.register(RedactionJob)
class RedactionJobAdmin(ReadOnlyAdmin):
    list_display = ["document", "status", "progress_current", "progress_total", "attempts"]
    list_filter = ["status"]
    search_fields = ["document__original_filename", "document__review__reference", "error"]
    list_select_related = ["document"]


@admin.register(PersonalDataFlag)
class PersonalDataFlagAdmin(ReadOnlyAdmin):
    list_display = ["text", "kind", "document", "page", "source", "status", "resolved_by"]
    list_filter = ["kind", "source", "status"]
    search_fields = ["text", "document__review__reference"]
    list_select_related = ["document", "resolved_by"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["number", "document", "agency", "theme", "layer", "coded_at"]
    list_filter = ["theme", "agency", "layer"]
    search_fields = ["text", "agency_as_written", "document__review__reference"]
    list_select_related = ["document", "agency", "theme"]


@admin.register(Stage)
class StageAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "position"]
    search_fields = ["code", "title"]


@admin.register(PracticeIssue)
class PracticeIssueAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "stage", "why_unclear", "retired_at"]
    list_filter = ["stage", ("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "title"]
    list_select_related = ["stage"]


@admin.register(Cause)
class CauseAdmin(ReadOnlyAdmin):
    list_display = ["text", "issue", "position", "retired_at"]
    list_filter = ["issue__stage", ("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "issue__code"]
    list_select_related = ["issue"]


@admin.register(Coding)
class CodingAdmin(ReadOnlyAdmin):
    list_display = ["issue", "document", "page", "coder", "created_at"]
    list_filter = ["issue__stage"]
    search_fields = ["excerpt", "issue__code", "document__review__reference"]
    list_select_related = ["issue", "document", "coder"]


@admin.register(ReviewIssue)
class ReviewIssueAdmin(ReadOnlyAdmin):
    list_display = ["review", "issue", "codings"]
    list_filter = ["issue__stage"]
    search_fields = ["review__reference", "issue__code"]
    list_select_related = ["review", "issue"]


@admin.register(Briefing)
class BriefingAdmin(ReadOnlyAdmin):
    list_display = ["title", "period", "status", "author", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    list_select_related = ["author"]


@admin.register(BriefingAudience)
class BriefingAudienceAdmin(ReadOnlyAdmin):
    list_display = ["briefing", "audience", "updated_at"]
    list_filter = ["audience"]
    search_fields = ["briefing__title", "what_to_do", "questions"]
    list_select_related = ["briefing"]


@admin.register(TrainingPack)
class TrainingPackAdmin(ReadOnlyAdmin):
    list_display = ["issue", "status", "author", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["issue__code", "introduction", "questions", "trainer_notes"]
    list_select_related = ["issue", "author"]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


@admin.register(AbuseCategory)
class AbuseCategoryAdmin(ReadOnlyAdmin):
    list_display = ["code", "__str__"]


@admin.register(RecommendationTheme)
class RecommendationThemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


@admin.register(Follower)
class FollowerAdmin(ReadOnlyAdmin):
    list_display = ["email", "user", "frequency", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["email"]
    list_select_related = ["user"]


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["follower", "kind", "issue", "region", "query", "confirmed_at"]
    list_filter = ["kind"]
    search_fields = ["follower__email", "query"]
    list_select_related = ["follower", "issue"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["follower", "period", "status", "claimed_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["follower__email", "period"]
    list_select_related = ["follower"]


# A board's local learning: written in the app by its managers (an action's status moves
# only with an update, an outcome is a new entry); admin looks it up.
@admin.register(LocalSharing)
class LocalSharingAdmin(ReadOnlyAdmin):
    list_display = ["board", "shared", "changed_by", "changed_at"]
    list_filter = ["shared"]
    list_select_related = ["board", "changed_by"]


@admin.register(LocalIssue)
class LocalIssueAdmin(ReadOnlyAdmin):
    list_display = ["board", "issue", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["board__name", "issue__code", "evidence"]
    list_select_related = ["board", "issue"]


@admin.register(LocalAction)
class LocalActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "board", "issue", "owner", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "owner", "board__name"]
    list_select_related = ["board", "issue"]


@admin.register(LocalActionUpdate)
class LocalActionUpdateAdmin(ReadOnlyAdmin):
    list_display = ["action", "status", "author", "created_at"]
    list_filter = ["status"]
    search_fields = ["action__title", "text"]
    list_select_related = ["action", "author"]


@admin.register(RecommendationOutcome)
class RecommendationOutcomeAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "status", "due_on", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    search_fields = ["response", "evidence", "reason"]
    list_select_related = ["recommendation", "recorded_by"]
