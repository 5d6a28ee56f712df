"""Alliance: serializers, each listing its fields.

Related records are named by their stable keys: practice issues by code
(``C7``), organisations and working groups by slug. People's names are shown
to signed-in users only; the public sees which organisations are acting.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from ..choices import ActionStatus
from ..models import (
    Action,
    Decision,
    GoodPractice,
    ImpactEvidence,
    Meeting,
    Organisation,
    ProgressUpdate,
    Representative,
    WorkingGroup,
)
from ..rules import can_see_overdue


class KeyField(serializers.SlugRelatedField):
    """A record named by its key; a key with a NUL character names nothing.

    PostgreSQL cannot compare text holding NUL, so the lookup would fail (a 500)
    rather than find nothing: such a key is refused before it is looked up.
    """

    default_error_messages = {
        "null_character": "{slug_name}s cannot contain a NUL character: enter it as written."
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_character", slug_name=self.slug_field.capitalize())
        return super().to_internal_value(data)


# A web address, or nothing: the models allow a blank one, so the schema says "" is sent too.
@extend_schema_field(
    {"oneOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]}
)
class OptionalURLField(serializers.URLField):
    pass


def _issues(**kwargs) -> serializers.SlugRelatedField:
    return KeyField(slug_field="code", queryset=PracticeIssue.objects.all(), many=True, **kwargs)


def _organisations(**kwargs) -> serializers.SlugRelatedField:
    return KeyField(slug_field="slug", queryset=Organisation.objects.all(), **kwargs)


def _working_group() -> serializers.SlugRelatedField:
    return KeyField(
        slug_field="slug", queryset=WorkingGroup.objects.all(), required=False, allow_null=True
    )


class PeopleForSignedInMixin:
    """Leave people's names and ids out for the public (``OmittedFieldsSchema`` tells the
    schema these may be missing)."""

    people_fields: tuple[str, ...] = ()
    member_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for name in self.people_fields:
                data.pop(name, None)
        return data


class OmittedFieldsSchema(OpenApiSerializerExtension):
    """In the schema, the fields some readers are not sent are not required."""

    target_class = PeopleForSignedInMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        omitted = {*self.target.people_fields, *self.target.member_fields}
        required = [name for name in schema.get("required", []) if name not in omitted]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        return schema


class OrganisationSerializer(serializers.ModelSerializer):
    website = OptionalURLField(read_only=True)

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


class DecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())

    class Meta:
        model = Decision
        fields = ["id", "meeting", "text", "action", "recorded_by", "created_at", "updated_at"]
        read_only_fields = ["action", "recorded_by", "created_at", "updated_at"]
        extra_kwargs = {"text": {"allow_blank": True}}


class MeetingSerializer(serializers.ModelSerializer):
    issues = _issues(required=False)
    organisations = _organisations(many=True, required=False)
    working_group = _working_group()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "held_on",
            "working_group",
            "location",
            "notes",
            "issues",
            "organisations",
            "decisions",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["decisions", "recorded_by", "created_at", "updated_at"]

    decisions = serializers.SerializerMethodField()

    def get_decisions(self, meeting) -> list[dict]:
        return [
            {"id": decision.pk, "text": decision.text, "action": decision.action_id}
            for decision in meeting.decisions.all()
        ]


class ProgressUpdateSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("author",)
    author = serializers.CharField(source="author.__str__", read_only=True)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        allow_blank=True,
        help_text="The action's new status, if this update changes it (see the allowed moves "
        "in alliance.choices.STATUS_TRANSITIONS).",
    )
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="Why the action is dropped: needed when status becomes dropped.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["id", "written_on", "text", "status", "reason", "author", "created_at"]
        read_only_fields = ["author", "created_at"]
        extra_kwargs = {"written_on": {"required": False}}


class ImpactEvidenceSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("author",)
    author = serializers.CharField(source="author.__str__", read_only=True)
    link = OptionalURLField(
        required=False, allow_blank=True, help_text="Where the evidence can be read, if public."
    )

    class Meta:
        model = ImpactEvidence
        fields = ["id", "kind", "summary", "link", "observed_on", "author", "created_at"]
        read_only_fields = ["author", "created_at"]
        extra_kwargs = {"observed_on": {"required": False}}


class ActionSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("owner", "owner_name")
    # Overdue is for Alliance members and administrators (see rules.can_see_overdue).
    member_fields = ("is_overdue",)
    issues = _issues()
    organisation = _organisations(
        required=False, help_text="The lead organisation; yours unless you are an administrator."
    )
    partners = _organisations(many=True, required=False)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, help_text="Yours unless given."
    )
    owner_name = serializers.CharField(source="owner.__str__", read_only=True)
    working_group = _working_group()
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True
    )
    decision = serializers.PrimaryKeyRelatedField(
        queryset=Decision.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text="The meeting's decision this action is made from (linked both ways).",
    )
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        help_text="Proposed or in progress when recorded; afterwards it moves with a progress "
        "update (POST …/progress/).",
    )
    is_overdue = serializers.BooleanField(read_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_see_overdue(request.user):
            for name in self.member_fields:
                data.pop(name, None)
        return data

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
            "decision",
            "status",
            "dropped_reason",
            "due_on",
            "completed_on",
            "is_overdue",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "dropped_reason",
            "completed_on",
            "published_at",
            "created_at",
            "updated_at",
        ]
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


class GoodPracticeSerializer(PeopleForSignedInMixin, serializers.ModelSerializer):
    people_fields = ("recorded_by",)
    issues = _issues()
    organisation = _organisations(required=False, allow_null=True)
    links = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="Full web addresses (http or https).",
    )

    class Meta:
        model = GoodPractice
        fields = [
            "id",
            "title",
            "what_worked",
            "where",
            "organisation",
            "issues",
            "links",
            "started_on",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["recorded_by", "created_at", "updated_at"]
        # Blank or missing answers reach the service, which reports every mistake at once.
        extra_kwargs = {
            "title": {"allow_blank": True, "default": ""},
            "what_worked": {"allow_blank": True, "default": ""},
            "where": {"allow_blank": True, "default": ""},
        }
