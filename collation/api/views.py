"""Collation: thin DRF viewsets; visibility from selectors, writes through services."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from ..filtersets import ReviewFilterSet, SearchFilterSet
from ..models import ProcessingJob, Recommendation, ReviewDocument
from ..selectors import flag_list, page_search, published_review_list, review_list
from ..services.ingestion import DocumentRejected, document_ingest
from ..services.reviews import flag_clear, review_create, review_publish, review_update
from . import serializers


@contextmanager
def service_errors():
    """Turn a service's Django ValidationError into the API's 400."""
    try:
        yield
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from error


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
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    ordering_fields = ["publication_date", "title", "created_at"]

    def get_queryset(self):
        return review_list(user=self.request.user).order_by("-publication_date", "-pk")

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
        responses={202: serializers.UploadOutcomeSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def upload(self, request, pk=None):
        """Upload one or more PDFs; each is checked, then processed in the background.

        Returns 202 with one outcome per file: accepted (with the document and
        job to watch) or refused with a code and a message. If every file is
        refused the status is 400.
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
        return Response(
            serializers.UploadOutcomeSerializer(outcomes, many=True).data,
            status=status.HTTP_202_ACCEPTED if accepted else status.HTTP_400_BAD_REQUEST,
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
    permission_classes = [permissions.IsAuthenticated]
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
