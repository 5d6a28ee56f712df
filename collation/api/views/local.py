"""A board's local learning through the API: its grid answers, local actions, sharing and
recommendation outcomes, with the pages' rules (``visibility.local_learning_q``: its
managers and administrators, and the professional roles once it shares); and the
national figures, public, small numbers hidden.

The serializers live here with their views: ``serializers.py`` is at the size limit.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board
from scr_platform.accounts.permissions import has_role
from scr_platform.api import service_errors

from ...choices import LocalActionStatus, LocalIssueStatus, OutcomeStatus
from ...local_rules import can_record_local_learning
from ...models import (
    LocalAction,
    LocalActionUpdate,
    LocalIssue,
    PracticeIssue,
    Recommendation,
    RecommendationOutcome,
)
from ...selectors.local import board_is_shared, local_board_get
from ...selectors.local_national import local_national, outcome_rates
from ...selectors.recurrence import recurrences
from ...services.local import (
    local_action_create,
    local_action_update,
    local_issue_record,
    local_sharing_set,
    outcome_record,
)
from ...visibility import local_learning_q

REFUSAL = "Only a board's managers record its local learning."


class LocalWritePermission(permissions.IsAuthenticated):
    """Reading: signed in (the queryset shows what each may see). Recording something new:
    LSCB managers and administrators, asked before the body is read; the service checks
    the board. On a record that exists, the lookup answers first (404 where it is hidden),
    then the board's rule (403)."""

    message = REFUSAL

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return getattr(view, "action", None) != "create" or has_role(
            request.user, [Role.LSCB_MANAGER]
        )


def _require_recorder(user, board) -> None:
    if not can_record_local_learning(user, board):
        raise PermissionDenied(REFUSAL)


class LocalIssueSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", queryset=Board.objects.all())
    issue = serializers.SlugRelatedField(slug_field="code", queryset=PracticeIssue.objects.all())
    status = serializers.ChoiceField(choices=LocalIssueStatus.choices)
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=5000)

    class Meta:
        model = LocalIssue
        fields = ["id", "board", "issue", "status", "evidence", "updated_at"]
        read_only_fields = ["id", "updated_at"]
        validators = []  # answering again changes the board's answer


class LocalActionUpdateSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=LocalActionStatus.choices)

    class Meta:
        model = LocalActionUpdate
        fields = ["id", "text", "status", "created_at"]
        read_only_fields = ["id", "created_at"]


class LocalActionSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", queryset=Board.objects.all())
    issue = serializers.SlugRelatedField(slug_field="code", queryset=PracticeIssue.objects.all())
    updates = LocalActionUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = LocalAction
        fields = ["id", "board", "issue", "title", "owner", "due_on", "status", "updates"]
        read_only_fields = ["id", "status", "updates"]


class RecommendationOutcomeSerializer(serializers.ModelSerializer):
    recommendation = serializers.PrimaryKeyRelatedField(queryset=Recommendation.objects.public())
    status = serializers.ChoiceField(choices=OutcomeStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = RecommendationOutcome
        fields = [
            "id",
            "recommendation",
            "status",
            "response",
            "evidence",
            "due_on",
            "reason",
            "recorded_at",
        ]
        read_only_fields = ["id", "recorded_at"]


class _LocalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [LocalWritePermission]
    board_path = "board__"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        queryset = self.queryset.filter(local_learning_q(self.request.user, via=self.board_path))
        if board := self.request.query_params.get("board"):
            queryset = queryset.filter(**{f"{self.board_path}slug": board})
        return queryset


class LocalIssueViewSet(_LocalViewSet):
    """Boards' answers to "does this happen here?" (``?board=<slug>`` for one board)."""

    serializer_class = LocalIssueSerializer
    queryset = LocalIssue.objects.select_related("board", "issue").order_by("board__name", "pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = local_issue_record(
                user=self.request.user,
                board=data["board"],
                issue=data["issue"],
                status=data["status"],
                evidence=data.get("evidence", ""),
            )


class LocalActionViewSet(_LocalViewSet):
    """Boards' local actions on practice issues, each with its dated updates
    (``?board=<slug>`` for one board)."""

    serializer_class = LocalActionSerializer
    queryset = (
        LocalAction.objects.select_related("board", "issue")
        .prefetch_related("updates")
        .order_by("board__name", "due_on", "pk")
    )

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = local_action_create(
                user=self.request.user, **serializer.validated_data
            )

    @extend_schema(request=LocalActionUpdateSerializer, responses=LocalActionUpdateSerializer)
    @action(detail=True, methods=["post"], serializer_class=LocalActionUpdateSerializer)
    def updates(self, request, pk=None):
        """Add a dated update, which may move the action's status."""
        local_action = self.get_object()
        _require_recorder(request.user, local_action.board)
        serializer = LocalActionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            update = local_action_update(
                user=request.user, action=local_action, **serializer.validated_data
            )
        return Response(LocalActionUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class RecommendationOutcomeViewSet(_LocalViewSet):
    """Outcome entries of published recommendations, oldest first (``?review=<id>``,
    ``?board=<slug>``)."""

    serializer_class = RecommendationOutcomeSerializer
    board_path = "recommendation__document__review__board__"
    queryset = RecommendationOutcome.objects.order_by("recommendation", "recorded_at", "pk")

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        queryset = queryset.filter(recommendation__in=Recommendation.objects.public())
        review = self.request.query_params.get("review", "")
        if review.isdigit():
            queryset = queryset.filter(recommendation__document__review_id=int(review))
        return queryset

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = outcome_record(
                user=self.request.user, **serializer.validated_data
            )


class LocalSharingSerializer(serializers.Serializer):
    shared = serializers.BooleanField()


class LocalSharingView(APIView):
    """Whether a board shares its grid and outcomes; its managers change it (PUT)."""

    permission_classes = [LocalWritePermission]
    serializer_class = LocalSharingSerializer

    def _board(self, slug):
        return local_board_get(user=self.request.user, slug=slug)

    @extend_schema(responses=LocalSharingSerializer)
    def get(self, request, slug):
        return Response({"shared": board_is_shared(self._board(slug))})

    @extend_schema(request=LocalSharingSerializer, responses=LocalSharingSerializer)
    def put(self, request, slug):
        board = self._board(slug)
        _require_recorder(request.user, board)
        serializer = LocalSharingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sharing = local_sharing_set(
            user=request.user, board=board, shared=serializer.validated_data["shared"]
        )
        return Response({"shared": sharing.shared})


class LocalNationalView(APIView):
    """Per practice issue: boards seeing it here and acting on it (null: hidden, too few)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        figures = local_national()
        return Response(
            {
                "boards_answering": figures["boards_answering"],
                "hidden_reason": figures["hidden_reason"],
                "issues": [
                    {
                        "issue": row.issue.code,
                        "boards_seeing_it": row.seen,
                        "boards_with_actions": row.acting,
                        "actions": row.actions,
                    }
                    for row in figures["rows"]
                ],
            }
        )


def _rates(groups) -> list[dict]:
    return [
        {
            "label": group.label,
            "with_outcome": group.total,
            "implemented": group.implemented_shown,
            "percent_implemented": group.percent,
        }
        for group in groups
    ]


class OutcomeRatesView(APIView):
    """Implementation rates by theme, agency and SMART criteria (null: hidden, too few), and
    the practice issues that recurred in a later published review of the same board after
    recommendations that answered them."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        rates = outcome_rates()
        return Response(
            {
                "hidden_reason": rates["hidden_reason"],
                "overall": _rates([rates["overall"]])[0],
                "by_theme": _rates(rates["by_theme"]),
                "by_agency": _rates(rates["by_agency"]),
                "by_smart": _rates(rates["by_smart"]),
                "recurrences": [
                    {
                        "issue": item.issue.code,
                        "earlier_review": item.earlier.pk,
                        "recommendations": list(item.numbers),
                        "later_review": item.later.pk,
                        "sentence": item.sentence,
                    }
                    for item in recurrences()
                ],
            }
        )
