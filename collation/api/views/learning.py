"""Learning material through the API: a briefing's audience versions and training packs.

The same rule as the pages (``selectors.learning``): everyone reads what is
published (a published briefing's versions, published packs); analysts also read
drafts and write both, through the same services. A draft is not found for
anyone else. Serializers live here with their views (``serializers.py`` is full).
"""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole
from scr_platform.api import service_errors

from ...models import Briefing, BriefingAudience, Coding, PracticeIssue, TrainingPack
from ...selectors.learning import sees_learning_drafts
from ...services.learning import briefing_audience_save, training_pack_publish, training_pack_save


class _ReadOrAnalyst(permissions.BasePermission):
    """Reading for everyone (what they may see is the queryset's), writing for analysts."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return HasRole.of(Role.ANALYST)().has_permission(request, view)


class BriefingAudienceSerializer(serializers.ModelSerializer):
    briefing = serializers.SlugRelatedField(slug_field="slug", queryset=Briefing.objects.all())
    question_list = serializers.ListField(child=serializers.CharField(), read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = BriefingAudience
        fields = ["id", "briefing", "audience", "what_to_do", "questions", "question_list", "url"]
        read_only_fields = ["id"]
        validators = []  # the service writes the one version per audience
        # The service says what is missing, in the pages' words.
        extra_kwargs = {
            name: {"required": False, "allow_blank": True} for name in ("what_to_do", "questions")
        }


class BriefingAudienceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """A briefing's version for practitioners, managers or board members.

    Public with its briefing; analysts write them (a second POST for the same
    briefing and audience changes that version)."""

    serializer_class = BriefingAudienceSerializer
    permission_classes = [_ReadOrAnalyst]
    queryset = BriefingAudience.objects.none()  # for the schema
    filterset_fields = ["audience"]

    def get_queryset(self):
        parts = BriefingAudience.objects.select_related("briefing").order_by("briefing", "audience")
        if not sees_learning_drafts(self.request.user):
            parts = parts.filter(briefing__status=Briefing.Status.PUBLISHED)
        return parts

    def _save(self, serializer, briefing, audience):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = briefing_audience_save(
                user=self.request.user,
                briefing=briefing,
                audience=audience,
                what_to_do=data.get("what_to_do", getattr(serializer.instance, "what_to_do", "")),
                questions=data.get("questions", getattr(serializer.instance, "questions", "")),
            )

    def perform_create(self, serializer):
        data = serializer.validated_data
        self._save(serializer, data["briefing"], data["audience"])

    def perform_update(self, serializer):
        # The briefing and audience a version belongs to stay as they are.
        part = serializer.instance
        self._save(serializer, part.briefing, part.audience)


class TrainingPackSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(slug_field="code", queryset=PracticeIssue.objects.all())
    excerpts = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Coding.objects.all(), required=False
    )
    question_list = serializers.ListField(child=serializers.CharField(), read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = TrainingPack
        fields = [
            "id",
            "issue",
            "status",
            "introduction",
            "excerpts",
            "questions",
            "question_list",
            "trainer_notes",
            "published_at",
            "url",
        ]
        read_only_fields = ["id", "status", "published_at"]
        validators = []  # one pack per issue: the service changes the existing one
        extra_kwargs = {
            name: {"required": False, "allow_blank": True}
            for name in ("introduction", "questions", "trainer_notes")
        }


class TrainingPackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Training packs on practice issues: published ones for everyone, drafts for analysts."""

    serializer_class = TrainingPackSerializer
    permission_classes = [_ReadOrAnalyst]
    queryset = TrainingPack.objects.none()  # for the schema
    filterset_fields = ["status"]

    def get_queryset(self):
        packs = TrainingPack.objects.select_related("issue").prefetch_related("excerpts")
        if not sees_learning_drafts(self.request.user):
            packs = packs.filter(Q(status=TrainingPack.Status.PUBLISHED))
        return packs.order_by("issue__code")

    def _save(self, serializer, issue):
        data, pack = serializer.validated_data, serializer.instance

        def field(name, default=""):
            return data.get(name, getattr(pack, name, default) if pack else default)

        excerpts = data.get("excerpts", list(pack.excerpts.all()) if pack else [])
        with service_errors():
            serializer.instance = training_pack_save(
                user=self.request.user,
                issue=issue,
                introduction=field("introduction"),
                questions=field("questions"),
                trainer_notes=field("trainer_notes"),
                excerpts=excerpts,
            )

    def perform_create(self, serializer):
        self._save(serializer, serializer.validated_data["issue"])

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance.issue)

    @extend_schema(request=None, responses=TrainingPackSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the pack, or take a published one back to a draft (analysts)."""
        pack = self.get_object()
        publish = pack.status != TrainingPack.Status.PUBLISHED
        training_pack_publish(user=request.user, pack=pack, publish=publish)
        return Response(TrainingPackSerializer(pack).data)
