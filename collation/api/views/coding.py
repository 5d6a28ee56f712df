"""The taxonomy, codings and the trend grid through the API."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole
from scr_platform.api import service_errors

from ...models import Coding, PracticeIssue, Stage
from ...selectors import document_get
from ...services.coding import coding_create, coding_delete, coding_update
from ...trend_forms import TrendFilterForm
from ...views.trends import _grid_for as grid_for
from ...views.trends import grid_as_data
from .. import serializers


class StageViewSet(viewsets.ReadOnlyModelViewSet):
    """The stages of the A3 grid (A–G)."""

    queryset = Stage.objects.all()
    serializer_class = serializers.StageSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None


class PracticeIssueViewSet(viewsets.ReadOnlyModelViewSet):
    """The practice issues with their causes; retired ones are marked."""

    queryset = PracticeIssue.objects.select_related("stage").prefetch_related("causes")
    serializer_class = serializers.PracticeIssueSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    filterset_fields = ["stage__code"]
    pagination_class = None


class CodingViewSet(viewsets.ModelViewSet):
    """Your codings: passages of reports linked to practice issues (analysts only)."""

    serializer_class = serializers.CodingSerializer
    permission_classes = [HasRole.of(Role.ANALYST)]
    filterset_fields = ["document", "issue__code", "page"]

    queryset = Coding.objects.none()  # for the schema; each analyst sees only their own

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            Coding.objects.filter(coder=self.request.user)
            .select_related("issue", "coder")
            .prefetch_related("causes")
            .order_by("document", "page", "pk")
        )

    def _document(self, document):
        # Only documents of reviews the analyst may see (analysts see all).
        return document_get(
            user=self.request.user, review_pk=document.review_id, document_pk=document.pk
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = coding_create(
                user=self.request.user,
                document=self._document(data["document"]),
                page=data["page"],
                excerpt=data["excerpt"],
                issue=data["issue"],
                causes=data.get("causes", []),
                note=data.get("note", ""),
            )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "document" in data and data.pop("document") != serializer.instance.document:
            raise ValidationError({"document": "A coding cannot move to another document."})
        with service_errors():
            serializer.instance = coding_update(
                user=self.request.user, coding=serializer.instance, **data
            )

    def perform_destroy(self, instance):
        coding_delete(user=self.request.user, coding=instance)


class TrendGridView(APIView):
    """The trend grid: per practice issue, published reviews showing it, share and change."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, description="all, 2015, 2015-H1 or 2015-Q2"),
            OpenApiParameter("region", str),
            OpenApiParameter("incident", str),
            OpenApiParameter("child_age_band", str),
            OpenApiParameter("agency", int),
            OpenApiParameter("review_model", str),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        form = TrendFilterForm(request.query_params or {"period": "all"})
        if not form.is_valid():
            raise ValidationError(form.errors)
        return Response(grid_as_data(grid_for(form)))
