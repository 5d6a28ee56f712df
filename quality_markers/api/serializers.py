"""Quality Markers: API representations (fields listed, never ``__all__``)."""

from rest_framework import serializers

from collation.models import Review

from ..choices import Audience, Point, Rating, Usefulness
from ..models import Assessment, Framework, Marker, MarkerFeedback, MarkerRating


class MarkerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Marker
        fields = [
            "id",
            "number",
            "stage",
            "title",
            "statement",
            "rationale",
            "prompts",
            "audiences",
        ]


class FrameworkSerializer(serializers.ModelSerializer):
    markers = MarkerSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = ["id", "version", "title", "source", "published_at", "markers"]


class MarkerRatingSerializer(serializers.ModelSerializer):
    marker_number = serializers.IntegerField(source="marker.number", read_only=True)
    marker_title = serializers.CharField(source="marker.title", read_only=True)

    class Meta:
        model = MarkerRating
        fields = [
            "marker_number",
            "marker_title",
            "rating",
            "evidence",
            "helped",
            "hindered",
            "actions",
            "updated_at",
        ]


class RatingInputSerializer(serializers.Serializer):
    marker_number = serializers.IntegerField(min_value=1)
    rating = serializers.ChoiceField(choices=Rating.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, default="")
    helped = serializers.CharField(required=False, allow_blank=True, default="")
    hindered = serializers.CharField(required=False, allow_blank=True, default="")
    actions = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentSerializer(serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(queryset=Review.objects.all())
    point = serializers.ChoiceField(choices=Point.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    ratings = MarkerRatingSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "review",
            "point",
            "audience",
            "framework_version",
            "author",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
            "ratings",
        ]
        read_only_fields = ["status", "created_at", "updated_at", "submitted_at"]


class MarkerFeedbackSerializer(serializers.ModelSerializer):
    marker = serializers.PrimaryKeyRelatedField(queryset=Marker.objects.all())
    usefulness = serializers.ChoiceField(choices=Usefulness.choices)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = MarkerFeedback
        fields = ["id", "marker", "usefulness", "comment", "author", "created_at"]
        read_only_fields = ["created_at"]
