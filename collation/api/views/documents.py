"""Documents and what was read from them: pages, jobs, recommendations, public copies."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from scr_platform.api import service_errors

from ...models import ProcessingJob, Recommendation, RedactionJob
from ...rules import can_manage_review
from ...selectors import document_list
from ...selectors.publication import public_copy_is_current
from ...services.personal_data import redaction_select
from .. import serializers
from .suggestions import DocumentSuggestionsMixin


class VisibleToUserMixin:
    """Restrict a queryset of document-owned rows to documents the user may see."""

    def visible(self, queryset):
        return queryset.filter(document__in=document_list(user=self.request.user))


class DocumentViewSet(DocumentSuggestionsMixin, viewsets.ReadOnlyModelViewSet):
    """Documents of the reviews you may see, with their processing jobs."""

    serializer_class = serializers.DocumentSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["review", "kind", "status"]

    def get_queryset(self):
        return document_list(user=self.request.user).select_related("job").order_by("pk")

    @extend_schema(responses=serializers.PublicCopySerializer)
    @action(detail=True, url_path="public-copy")
    def public_copy(self, request, pk=None):
        """The making of the public copy: queued, redacting page N of M, done or failed."""
        document = self.get_object()
        if not can_manage_review(request.user, document.review):
            raise NotFound()
        job = RedactionJob.objects.filter(document=document).first()
        return Response(serializers.PublicCopySerializer(_public_copy_state(document, job)).data)

    @extend_schema(
        request=serializers.RedactSelectionSerializer, responses={201: serializers.FlagSerializer}
    )
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def redactions(self, request, pk=None):
        """Redact text the detector missed, from a page of this document."""
        document = self.get_object()
        if not can_manage_review(request.user, document.review):
            raise PermissionDenied("You cannot redact text in this document.")
        form = serializers.RedactSelectionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            flag = redaction_select(user=request.user, document=document, **form.validated_data)
        return Response(serializers.FlagSerializer(flag).data, status=status.HTTP_201_CREATED)

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


def _public_copy_state(document, job) -> dict:
    return {
        "status": job.status if job else "not_started",
        "progress_current": job.progress_current if job else 0,
        "progress_total": job.progress_total if job else document.page_count,
        "message": job.message if job else "",
        "is_current": public_copy_is_current(document),
        "made_at": document.public_copy_made_at,
        "rasterised_pages": document.rasterised_pages,
    }
