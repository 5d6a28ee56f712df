"""Collation: thin DRF viewsets; visibility from selectors, writes through services."""

import logging

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from redis import RedisError
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole
from scr_platform.api import service_errors
from scr_platform.parsers import FormParser, MultiPartParser

from ..filtersets import ReviewFilterSet, SearchFilterSet
from ..models import (
    Coding,
    PracticeIssue,
    ProcessingJob,
    Recommendation,
    ReviewDocument,
    Stage,
)
from ..selectors import (
    document_get,
    flag_list,
    page_search,
    published_review_list,
    review_list,
)
from ..services.coding import coding_create, coding_delete, coding_update
from ..services.ingestion import DocumentRejected, document_ingest
from ..services.reviews import flag_clear, review_create, review_publish, review_update
from ..trend_forms import TrendFilterForm
from ..views.trends import _grid_for as grid_for
from ..views.trends import grid_as_data
from . import serializers
from .permissions import FlagClearPermission, ReviewWritePermission

logger = logging.getLogger(__name__)

# DRF's validation errors: each field (or non_field_errors) with its messages.
VALIDATION_ERRORS_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
UPLOAD_OUTCOMES_SCHEMA = {"type": "array", "items": {"$ref": "#/components/schemas/UploadOutcome"}}


class _ThrottleTolerantOfCacheOutage:
    """A throttle that lets the request through while the cache (Redis) is unreachable.

    The API's throttles keep their counts in the cache. With Redis down every
    API request failed with a 500 before reaching the view (found by the Redis
    fault test in tests/system/), so an upload could not even be accepted and
    queued. Losing rate limiting for the length of an outage is the lesser harm.
    """

    def __init__(self, throttle):
        self._throttle = throttle

    def allow_request(self, request, view) -> bool:
        try:
            return self._throttle.allow_request(request, view)
        except RedisError as error:
            logger.warning("Throttle skipped: the cache is unreachable (%s)", error)
            return True

    def wait(self):
        return self._throttle.wait()


class ReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reviews: the public reads published ones; boards register and manage their own."""

    serializer_class = serializers.ReviewSerializer
    filterset_class = ReviewFilterSet
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, ReviewWritePermission]
    ordering_fields = ["publication_date", "title", "created_at"]

    def get_queryset(self):
        return review_list(user=self.request.user).order_by("-publication_date", "-pk")

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "upload":
            return [_ThrottleTolerantOfCacheOutage(throttle) for throttle in throttles]
        return throttles

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReviewDetailSerializer
        if self.action == "upload":
            return serializers.DocumentUploadSerializer
        return serializers.ReviewSerializer

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = review_create(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "board" in data and data.pop("board") != serializer.instance.board:
            raise ValidationError({"board": "A review cannot move to another board."})
        with service_errors():
            serializer.instance = review_update(
                user=self.request.user, review=serializer.instance, **data
            )

    @extend_schema(request=None, responses=serializers.ReviewSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the review (all documents processed, all personal data flags resolved)."""
        with service_errors():
            review = review_publish(user=request.user, review=self.get_object())
        return Response(serializers.ReviewSerializer(review, context={"request": request}).data)

    @extend_schema(
        request={"multipart/form-data": serializers.DocumentUploadSerializer},
        # drf-spectacular documents many=True as a list for 2xx only: 400 and 503 are
        # written out. A 400 is every file's refusal, or the form's errors (no files).
        responses={
            202: serializers.UploadOutcomeSerializer(many=True),
            400: {"oneOf": [UPLOAD_OUTCOMES_SCHEMA, VALIDATION_ERRORS_SCHEMA]},
            503: UPLOAD_OUTCOMES_SCHEMA,
        },
    )
    # The outcome list is neither paginated nor filtered: without these the schema
    # (which takes a many=True response for a list view) documented a page of results
    # and the repository's filters, which get_object() then applied to the lookup.
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        pagination_class=None,
        filter_backends=[],
    )
    def upload(self, request, pk=None):
        """Upload one or more PDFs; each is checked, then processed in the background.

        Returns 202 with one outcome per file: accepted (with the document and
        job to watch) or refused with a code and a message. If every file is
        refused the status is 400, or 503 when the service's storage is full
        (code ``storage_full``: try again later).
        """
        review = self.get_object()
        form = serializers.DocumentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        outcomes = []
        for upload in form.validated_data["files"]:
            try:
                document = document_ingest(
                    user=request.user,
                    review=review,
                    stream=upload,
                    filename=upload.name,
                    kind=form.validated_data["kind"],
                )
            except DocumentRejected as rejection:
                outcomes.append(
                    {
                        "filename": upload.name,
                        "accepted": False,
                        "code": rejection.code,
                        "message": rejection.message,
                        "document": None,
                        "job": None,
                    }
                )
            else:
                outcomes.append(
                    {
                        "filename": upload.name,
                        "accepted": True,
                        "code": "",
                        "message": "",
                        "document": document.pk,
                        "job": document.job.pk,
                    }
                )
        accepted = any(outcome["accepted"] for outcome in outcomes)
        data = serializers.UploadOutcomeSerializer(outcomes, many=True).data
        if not accepted and any(o["code"] == "storage_full" for o in outcomes):
            # Not the client's fault: 503 tells it to try the same request later.
            return Response(
                data, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "300"}
            )
        return Response(
            data, status=status.HTTP_202_ACCEPTED if accepted else status.HTTP_400_BAD_REQUEST
        )


class VisibleToUserMixin:
    """Restrict a queryset of document-owned rows to reviews the user may see."""

    review_lookup = "document__review"

    def visible(self, queryset):
        reviews = review_list(user=self.request.user).values("pk")
        return queryset.filter(**{f"{self.review_lookup}__in": reviews})


class DocumentViewSet(VisibleToUserMixin, viewsets.ReadOnlyModelViewSet):
    """Documents of the reviews you may see, with their processing jobs."""

    serializer_class = serializers.DocumentSerializer
    permission_classes = [permissions.AllowAny]
    review_lookup = "review"
    filterset_fields = ["review", "kind", "status"]

    def get_queryset(self):
        return self.visible(ReviewDocument.objects.select_related("job")).order_by("pk")

    @extend_schema(responses=serializers.PageSerializer(many=True))
    @action(detail=True)
    def pages(self, request, pk=None):
        """The document's text, page by page."""
        document = self.get_object()
        page = self.paginate_queryset(document.pages.order_by("number"))
        return self.get_paginated_response(serializers.PageSerializer(page, many=True).data)


class JobViewSet(VisibleToUserMixin, viewsets.ReadOnlyModelViewSet):
    """Processing jobs: queued, reading page N of M, analysing, done, or failed with why."""

    serializer_class = serializers.JobSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["status", "document"]

    def get_queryset(self):
        return self.visible(ProcessingJob.objects.all()).order_by("-pk")


class RecommendationViewSet(VisibleToUserMixin, viewsets.ReadOnlyModelViewSet):
    """Recommendations found in the reports you may see."""

    serializer_class = serializers.RecommendationSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["document", "agency"]

    def get_queryset(self):
        return self.visible(Recommendation.objects.select_related("agency")).order_by(
            "document", "position"
        )


class FlagViewSet(viewsets.ReadOnlyModelViewSet):
    """Possible personal data: for the review's managers and analysts only."""

    serializer_class = serializers.FlagSerializer
    permission_classes = [permissions.IsAuthenticated, FlagClearPermission]
    filterset_fields = ["document", "status", "kind"]

    def get_queryset(self):
        return flag_list(user=self.request.user).order_by("document", "page", "pk")

    @extend_schema(request=serializers.FlagClearSerializer, responses=serializers.FlagSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None):
        """Mark a flag as not personal data, with the reason."""
        flag = self.get_object()
        form = serializers.FlagClearSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            flag = flag_clear(user=request.user, flag=flag, reason=form.validated_data["reason"])
        return Response(serializers.FlagSerializer(flag).data)


class SearchView(ListAPIView):
    """Full-text search over published reports, ranked, with highlighted snippets.

    ``q`` takes web-search syntax: words, "quoted phrases", ``or``, ``-excluded``.
    Every review filter applies too. Only published reports are ever searched.
    """

    serializer_class = serializers.SearchHitSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = SearchFilterSet
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return published_review_list()

    @extend_schema(responses=serializers.SearchResultsSerializer)
    def get(self, request, *args, **kwargs):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": "Enter what to search for."})
        reviews = self.filter_queryset(self.get_queryset())
        page_size = self.paginator.get_page_size(request)
        page_number = _positive_int(request.query_params.get("page"), default=1)
        results = page_search(
            query=query, reviews=reviews, offset=(page_number - 1) * page_size, limit=page_size
        )
        return Response(
            serializers.SearchResultsSerializer(
                {
                    "count": results.total,
                    "count_is_capped": results.total_is_capped,
                    "page": page_number,
                    "results": results.hits,
                }
            ).data
        )


def _positive_int(value: str | None, *, default: int) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


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
