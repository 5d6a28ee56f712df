"""Reviewer development: serializers, each listing its fields."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region

from ..choices import Agreement
from ..models import (
    AllocationRun,
    Application,
    ApplicationRound,
    CpdActivity,
    Feedback,
    Place,
    ReadingItem,
    ReviewerProfile,
    Session,
    Topic,
)
from ..rules import PUBLIC_PARTS, profile_parts

# Which serializer fields belong to which part of a profile.
PART_FIELDS = {
    "background": ("background", "background_detail", "biography"),
    "experience": ("years_reviewing", "other_reviews_led", "platform_reviews"),
    "methods": ("methods",),
    "regions": ("regions",),
    "availability": ("availability", "availability_note"),
    "contact": ("email",),
}


class ProfileSerializer(serializers.ModelSerializer):
    """A profile as the requesting user may see it: hidden parts are null."""

    name = serializers.SerializerMethodField()
    email = serializers.EmailField(source="user.email", read_only=True, allow_null=True)
    platform_reviews = serializers.IntegerField(read_only=True, allow_null=True)
    regions = serializers.SerializerMethodField()
    methods = serializers.SerializerMethodField()
    visible_parts = serializers.SerializerMethodField()

    class Meta:
        model = ReviewerProfile
        fields = [
            "id",
            "name",
            "background",
            "background_detail",
            "biography",
            "years_reviewing",
            "other_reviews_led",
            "platform_reviews",
            "methods",
            "regions",
            "availability",
            "availability_note",
            "email",
            "visible_parts",
        ]
        read_only_fields = fields
        # Parts hidden from the viewer are sent as null (see to_representation).
        extra_kwargs = {
            name: {"allow_null": True}
            for name in (
                "background",
                "background_detail",
                "biography",
                "years_reviewing",
                "other_reviews_led",
                "availability",
                "availability_note",
            )
        }

    def get_name(self, profile) -> str:
        return profile.user.get_full_name() or profile.user.username

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_regions(self, profile) -> list[str]:
        return [row.region for row in profile.regions.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_methods(self, profile) -> list[str]:
        return [row.method for row in profile.methods.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_visible_parts(self, profile) -> list[str]:
        return sorted(profile_parts(self.context["request"].user, profile))

    def to_representation(self, profile):
        data = super().to_representation(profile)
        visible = profile_parts(self.context["request"].user, profile)
        for part, names in PART_FIELDS.items():
            if part not in visible:
                for name in names:
                    data[name] = None
        return data


class ProfileWriteSerializer(serializers.Serializer):
    """Your own profile, as ``profile_save`` takes it."""

    background = serializers.CharField()
    background_detail = serializers.CharField(required=False, allow_blank=True, max_length=200)
    biography = serializers.CharField(required=False, allow_blank=True)
    years_reviewing = serializers.IntegerField(min_value=0, max_value=60)
    other_reviews_led = serializers.IntegerField(min_value=0, max_value=500)
    # Plain strings (checked by the service): the same choices are an enum elsewhere.
    methods = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Review methods: " + ", ".join(ReviewModel.values),
    )
    regions = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Regions: " + ", ".join(Region.values),
    )
    availability = serializers.CharField()
    availability_note = serializers.CharField(required=False, allow_blank=True, max_length=200)
    visibility = serializers.CharField()
    public_parts = serializers.ListField(
        child=serializers.ChoiceField(choices=PUBLIC_PARTS), required=False
    )

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        parts = set(data.pop("public_parts", []))
        return {**data, **{f"show_{part}": part in parts for part in PUBLIC_PARTS}}


class ReadingItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReadingItem
        fields = ["id", "topic", "kind", "title", "source", "url", "position"]


class TopicSerializer(serializers.ModelSerializer):
    reading = ReadingItemSerializer(many=True, read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "title", "slug", "summary", "description", "position", "reading"]


class SessionSerializer(serializers.ModelSerializer):
    topic_title = serializers.CharField(source="topic.title", read_only=True)
    capacity = serializers.IntegerField(min_value=1, max_value=32767)
    cpd_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal("0.5"))

    class Meta:
        model = Session
        fields = [
            "id",
            "topic",
            "topic_title",
            "round",
            "date",
            "online",
            "venue",
            "capacity",
            "cpd_hours",
        ]

    def validate(self, data):
        online = data.get("online", getattr(self.instance, "online", False))
        venue = data.get("venue", getattr(self.instance, "venue", ""))
        if not online and not venue.strip():
            raise serializers.ValidationError(
                {"venue": "Enter where the session is, or make it online."}
            )
        return data


class RoundSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="open or allocated")

    class Meta:
        model = ApplicationRound
        fields = ["id", "title", "closing_date", "closed_early_at", "status", "created_at"]
        read_only_fields = ["closed_early_at", "status", "created_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    reviewer = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "round",
            "reviewer",
            "first_choice",
            "second_choice",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reviewer", "created_at", "updated_at"]
        # One per reviewer per round is the service's rule, with its own message.
        validators = []


class PlaceSerializer(serializers.ModelSerializer):
    reviewer = serializers.PrimaryKeyRelatedField(source="application.reviewer", read_only=True)
    status = serializers.CharField(read_only=True, help_text="placed, waiting or withdrawn")

    class Meta:
        model = Place
        fields = [
            "id",
            "run",
            "application",
            "reviewer",
            "session",
            "choice",
            "status",
            "position",
            "from_waiting_list",
            "updated_at",
        ]
        read_only_fields = fields


class RunSerializer(serializers.ModelSerializer):
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    status = serializers.CharField(read_only=True, help_text="draft, confirmed or discarded")

    class Meta:
        model = AllocationRun
        fields = [
            "id",
            "round",
            "seed",
            "status",
            "created_by",
            "created_at",
            "confirmed_by",
            "confirmed_at",
        ]
        read_only_fields = ["status", "created_by", "created_at", "confirmed_by", "confirmed_at"]


class RunDetailSerializer(RunSerializer):
    places = PlaceSerializer(many=True, read_only=True)

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "places"]


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Reviewer id → whether they attended.",
    )


SCALE_HELP = "One of: " + ", ".join(Agreement.values)


class FeedbackSerializer(serializers.ModelSerializer):
    reviewer = serializers.PrimaryKeyRelatedField(read_only=True)
    # The agreement scale, checked by the service (one enum would be named three times).
    skills = serializers.CharField(help_text=SCALE_HELP)
    ideas = serializers.CharField(help_text=SCALE_HELP)
    ongoing = serializers.CharField(help_text=SCALE_HELP)

    class Meta:
        model = Feedback
        fields = [
            "id",
            "session",
            "reviewer",
            "skills",
            "ideas",
            "ongoing",
            "most_helpful",
            "improve",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reviewer", "created_at", "updated_at"]
        validators = []


class QuestionSummarySerializer(serializers.Serializer):
    question = serializers.CharField()
    counts = serializers.SerializerMethodField()
    total = serializers.IntegerField()
    agreeing = serializers.IntegerField()
    agreeing_percent = serializers.FloatField(allow_null=True)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_counts(self, summary) -> dict:
        return dict(summary.counts)


class FeedbackSummarySerializer(serializers.Serializer):
    title = serializers.CharField()
    responses = serializers.IntegerField()
    questions = QuestionSummarySerializer(many=True)
    comments = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class CpdActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = CpdActivity
        fields = ["id", "date", "title", "kind", "hours", "reflection", "session", "created_at"]
        read_only_fields = ["session", "created_at"]


class CpdKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    activities = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=7, decimal_places=2)


class CpdSummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total_hours = serializers.DecimalField(max_digits=7, decimal_places=2)
    by_kind = serializers.SerializerMethodField()
    activities = CpdActivitySerializer(many=True)

    @extend_schema_field(CpdKindSerializer(many=True))
    def get_by_kind(self, summary) -> list[dict]:
        rows = [
            {"kind": label, "activities": count, "hours": hours}
            for label, count, hours in summary.by_kind
        ]
        return CpdKindSerializer(rows, many=True).data
