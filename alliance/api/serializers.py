"""Alliance: serializers, each listing its fields.

Related records are named by their stable keys: practice issues by code
(``C7``), organisations and working groups by slug. People's names are shown
to signed-in users only; the public sees which organisations are acting.
"""

from rest_framework import serializers

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from ..choices import ActionStatus
from ..models import (
    Action,
    ImpactEvidence,
    Meeting,
    Organisation,
    ProgressUpdate,
    Representative,
    WorkingGroup,
)


def _issues(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=PracticeIssue.objects.all(), many=True, **kwargs
    )


def _organisations(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), **kwargs
    )


class PeopleForSignedInMixin:
    """Leave people's names and ids out for the public."""

    people_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for name in self.people_fields:
                data.pop(name, None)
        return data


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "slug",
            "sector",
            "website",
            "description",
            "joined_on",
            "left_on",
        ]
        read_only_fields = fields


class RepresentativeSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="user.__str__", read_only=True)

    class Meta:
        model = Representative
        fields = ["id", "organisation", "user", "name", "job_title", "started_on", "ended_on"]
        read_only_fields = fields


class WorkingGroupSerializer(serializers.ModelSerializer):
    issues = _issues()
    organisations = _organisations(many=True)
    lead_organisation = _organisations(required=False, allow_null=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "name",
            "slug",
            "purpose",
            "issues",
            "organisations",
            "lead_organisation",
            "formed_on",
            "closed_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "created_at", "updated_at"]


class MeetingSerializer(serializers.ModelSerializer):
    issues = _issues(required=False)
    organisations = _organisations(many=True, required=False)
    working_group = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=WorkingGroup.objects.all(),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "held_on",
            "working_group",
            "location",
            "summary",
            "issues",
            "organisations",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["recorded_by", "created_at", "updated_at"]


class ProgressUpdateSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("author",)
    author = serializers.CharField(source="author.__str__", read_only=True)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        allow_blank=True,
        help_text="The action's new status, if this update changes it.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["id", "written_on", "text", "status", "author", "created_at"]
        read_only_fields = ["author", "created_at"]
        extra_kwargs = {"written_on": {"required": False}}


class ImpactEvidenceSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("author",)
    author = serializers.CharField(source="author.__str__", read_only=True)

    class Meta:
        model = ImpactEvidence
        fields = ["id", "kind", "summary", "link", "observed_on", "author", "created_at"]
        read_only_fields = ["author", "created_at"]
        extra_kwargs = {"observed_on": {"required": False}}


class ActionSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("owner", "owner_name")
    issues = _issues()
    organisation = _organisations(
        required=False, help_text="The lead organisation; yours unless you are an administrator."
    )
    partners = _organisations(many=True, required=False)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, help_text="Yours unless given."
    )
    owner_name = serializers.CharField(source="owner.__str__", read_only=True)
    working_group = serializers.SlugRelatedField(
        slug_field="slug", queryset=WorkingGroup.objects.all(), required=False, allow_null=True
    )
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True
    )
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        help_text="Planned or in progress when recorded; afterwards it moves with a progress "
        "update (POST …/progress/).",
    )
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "issues",
            "organisation",
            "partners",
            "owner",
            "owner_name",
            "working_group",
            "meeting",
            "status",
            "due_on",
            "completed_on",
            "is_overdue",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["completed_on", "published_at", "created_at", "updated_at"]
        # Blank answers reach the service, which reports every mistake at once.
        extra_kwargs = {"title": {"allow_blank": True}, "description": {"allow_blank": True}}


class ActionDetailSerializer(ActionSerializer):
    updates = ProgressUpdateSerializer(many=True, read_only=True)
    evidence = ImpactEvidenceSerializer(many=True, read_only=True)

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "updates", "evidence"]


class ActionPublishSerializer(serializers.Serializer):
    publish = serializers.BooleanField(
        default=True, help_text="false takes the action back from the public."
    )
