"""Reviews through the API: read, register, correct, upload, publish, withdraw."""

import logging

from drf_spectacular.utils import extend_schema
from redis import RedisError
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from scr_platform.api import service_errors
from scr_platform.parsers import FormParser, MultiPartParser

from ...filtersets import ReviewFilterSet
from ...selectors import review_list
from ...services.ingestion import DocumentRejected, document_ingest
from ...services.reviews import review_create, review_publish, review_update, review_withdraw
from .. import serializers
from ..permissions import ReviewWritePermission

logger = logging.getLogger(__name__)

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

    @extend_schema(request=serializers.WithdrawSerializer, responses=serializers.ReviewSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take a published review back from the public at once, giving the reason."""
        review = self.get_object()
        form = serializers.WithdrawSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            review = review_withdraw(
                user=request.user, review=review, reason=form.validated_data["reason"]
            )
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
