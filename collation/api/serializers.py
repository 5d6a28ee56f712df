"""Collation: serializers, each listing its fields."""

from rest_framework import serializers

from scr_platform.accounts.models import Board, User

from ..choices import DocumentKind, FlagStatus
from ..models import (
    AbuseCategory,
    Agency,
    Cause,
    Coding,
    DocumentPage,
    PersonalDataFlag,
    PracticeIssue,
    ProcessingJob,
    Recommendation,
    Review,
    ReviewDocument,
    Stage,
    Suggestion,
)
from ..selectors import document_list


class JobSerializer(serializers.ModelSerializer):
    document = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ProcessingJob
        fields = [
            "id",
            "document",
            "status",
            "progress_current",
            "progress_total",
            "message",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "updated_at",
        ]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(read_only=True)
    job = JobSerializer(read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = ReviewDocument
        fields = [
            "id",
            "review",
            "kind",
            "original_filename",
            "sha256",
            "size_bytes",
            "page_count",
            "status",
            "warnings",
            "superseded_by",
            "withheld_at",
            "flesch_reading_ease",
            "words_per_sentence",
            "syllables_per_word",
            "uploaded_at",
            "file_url",
            "job",
        ]
        read_only_fields = fields

    def get_file_url(self, document: ReviewDocument) -> str:
        return self.context["request"].build_absolute_uri(document.get_file_url())


# Set by the service, never by a client: is_synthetic marks the demo's invented reviews;
# the summary is written on its own page (collation/services/summaries.py).
READ_ONLY_REVIEW_FIELDS = [
    "is_synthetic",
    "summary",
    "status",
    "published_at",
    "withdrawn_at",
    "created_at",
    "updated_at",
]


class ReviewSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", queryset=Board.objects.all())
    abuse_categories = serializers.SlugRelatedField(
        slug_field="code", queryset=AbuseCategory.objects.all(), many=True, required=False
    )
    agencies = serializers.SlugRelatedField(
        slug_field="name", queryset=Agency.objects.all(), many=True, required=False
    )
    lead_reviewer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), allow_null=True, required=False
    )
    url = serializers.HyperlinkedIdentityField(view_name="collation-api:review-detail")

    class Meta:
        model = Review
        fields = [
            "id",
            "url",
            "board",
            "reference",
            "title",
            "publication_date",
            "incident",
            "child_age_band",
            "child_sex",
            "abuse_categories",
            "agencies",
            "review_model",
            "lead_reviewer",
            "lead_reviewer_name",
            *READ_ONLY_REVIEW_FIELDS,
        ]
        read_only_fields = READ_ONLY_REVIEW_FIELDS
        # Uniqueness is checked by the service, which says which board and reference clash.
        validators = []


class ReviewDetailSerializer(ReviewSerializer):
    documents = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "documents"]

    def get_documents(self, review: Review) -> list[dict]:
        # Only the documents this user may see: a replaced or held-back one is not public.
        documents = document_list(user=self.context["request"].user).filter(review=review)
        return DocumentSerializer(
            documents.select_related("job"), many=True, context=self.context
        ).data


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True), allow_empty=False
    )


class UploadOutcomeSerializer(serializers.Serializer):
    filename = serializers.CharField()
    accepted = serializers.BooleanField()
    code = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)
    document = serializers.IntegerField(allow_null=True)
    job = serializers.IntegerField(allow_null=True)


class RecommendationSerializer(serializers.ModelSerializer):
    # Null until an analyst links the agency: allow_null documents that in the schema.
    agency = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "document",
            "position",
            "number",
            "text",
            "page",
            "agency_as_written",
            "agency",
        ]
        read_only_fields = fields


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonalDataFlag
        fields = [
            "id",
            "document",
            "page",
            "kind",
            "text",
            "context",
            "source",
            "status",
            "reason",
            "resolved_by",
            "resolved_at",
        ]
        read_only_fields = fields


class FlagClearSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class FlagDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(FlagStatus.REDACT, "Redact"), (FlagStatus.NOT_PERSONAL, "Not personal data")]
    )
    reason = serializers.CharField(
        max_length=1000,
        required=False,
        default="",
        allow_blank=True,
        help_text="Required when the decision is not_personal.",
    )
    scope = serializers.ChoiceField(
        choices=[("one", "This flag"), ("all", "Every occurrence of the same text")],
        default="one",
    )


class DecidedSerializer(serializers.Serializer):
    decided = serializers.IntegerField(help_text="How many flags were decided.")
    flag = FlagSerializer()


class RedactSelectionSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=2000)


class PublicCopySerializer(serializers.Serializer):
    status = serializers.CharField()
    progress_current = serializers.IntegerField()
    progress_total = serializers.IntegerField()
    message = serializers.CharField(allow_blank=True)
    is_current = serializers.BooleanField(
        help_text="The public copy exists and carries every redaction decided so far."
    )
    made_at = serializers.DateTimeField(allow_null=True)
    rasterised_pages = serializers.DictField(
        child=serializers.CharField(), help_text="Pages redacted as images, with the reason."
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class PageSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentPage
        fields = ["number", "text"]
        read_only_fields = fields


class SearchHitSerializer(serializers.Serializer):
    review = serializers.IntegerField(source="review.pk")
    review_title = serializers.CharField(source="review.title")
    board = serializers.CharField(source="review.board.name")
    document = serializers.IntegerField(source="document.pk")
    document_kind = serializers.CharField(source="document.kind")
    page = serializers.IntegerField()
    snippet = serializers.CharField(help_text="HTML: matches wrapped in <mark>, the rest escaped.")
    rank = serializers.FloatField()
    url = serializers.CharField(help_text="The page of the original PDF.")


class SearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Pages found (capped for very broad queries).")
    count_is_capped = serializers.BooleanField(
        help_text="True when more pages match than are counted: narrow the query."
    )
    page = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class CauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cause
        fields = ["id", "issue", "text", "position", "retired_at"]
        read_only_fields = ["id", "retired_at"]


class PracticeIssueSerializer(serializers.ModelSerializer):
    stage = serializers.SlugRelatedField(slug_field="code", queryset=Stage.objects.all())
    causes = CauseSerializer(many=True, read_only=True)

    class Meta:
        model = PracticeIssue
        fields = ["id", "code", "stage", "title", "why_unclear", "position", "retired_at", "causes"]
        read_only_fields = ["id", "retired_at", "causes"]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "code", "title", "position"]


class CodingSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(
        slug_field="code", queryset=PracticeIssue.objects.filter(retired_at__isnull=True)
    )
    causes = serializers.PrimaryKeyRelatedField(
        queryset=Cause.objects.all(), many=True, required=False
    )
    document = serializers.PrimaryKeyRelatedField(queryset=ReviewDocument.objects.all())
    coder = serializers.CharField(source="coder.username", read_only=True)

    class Meta:
        model = Coding
        fields = [
            "id",
            "document",
            "page",
            "excerpt",
            "issue",
            "causes",
            "note",
            "coder",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "coder", "created_at", "updated_at"]


class SuggestionSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(slug_field="code", read_only=True)
    causes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Suggestion
        fields = ["id", "page", "excerpt", "issue", "causes", "score", "model_version", "status"]
        read_only_fields = fields


class SuggestionAcceptSerializer(serializers.Serializer):
    issue = serializers.SlugRelatedField(
        slug_field="code",
        queryset=PracticeIssue.objects.filter(retired_at__isnull=True),
        required=False,
        help_text="Accept under another issue than the one suggested.",
    )
    causes = serializers.PrimaryKeyRelatedField(
        queryset=Cause.objects.filter(retired_at__isnull=True), many=True, required=False
    )


class SuggestionRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class MetadataProposalSerializer(serializers.Serializer):
    value = serializers.JSONField()
    page = serializers.IntegerField()


class VerificationSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(slug_field="code", read_only=True)
    proposed_issue = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Coding
        fields = [
            "id",
            "document",
            "page",
            "excerpt",
            "issue",
            "verification",
            "verified_at",
            "disagreement",
            "proposed_issue",
            "resolution",
            "resolved_at",
        ]
        read_only_fields = fields


class VerifySerializer(serializers.Serializer):
    agrees = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    proposed_issue = serializers.SlugRelatedField(
        slug_field="code",
        queryset=PracticeIssue.objects.filter(retired_at__isnull=True),
        required=False,
        allow_null=True,
        default=None,
    )


class ResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["keep", "change", "remove"])
    reason = serializers.CharField(max_length=2000)
