"""Quality Markers: thin viewsets with the pages' permissions (rules, selectors, services)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from collation.selectors import review_list
from scr_platform.accounts.permissions import IsAdministrator, is_administrator
from scr_platform.api import service_errors

from ..models import Framework, MarkerFeedback
from ..rules import can_edit_assessment
from ..selectors import assessment_get, assessment_list, assessment_marker_get
from ..services import assessment_start, assessment_submit, marker_feedback_create, rating_save
from . import serializers


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Versions of the Quality Markers: published ones for everyone, drafts for administrators."""

    serializer_class = serializers.FrameworkSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        frameworks = Framework.objects.prefetch_related("markers").order_by("-version")
        if is_administrator(self.request.user):
            return frameworks
        return frameworks.exclude(published_at=None)


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Self-assessments: private to the review's board, its lead reviewer and the author."""

    serializer_class = serializers.AssessmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            assessment_list(user=self.request.user)
            .prefetch_related("ratings__marker")
            .order_by("pk")
        )

    def get_object(self):
        try:
            return assessment_get(user=self.request.user, pk=int(self.kwargs["pk"]))
        except (Http404, ValueError):
            raise NotFound("No such assessment.") from None

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action == "create":
            # A review the user may not see (another board's draft) reads as "does not
            # exist", exactly like one that does not; one they see but may not assess
            # is refused by the service (403).
            serializer.fields["review"].queryset = review_list(user=self.request.user)
        return serializer

    def _draft_to_change(self):
        """The assessment, if the user may see it (else 404) and change it (else 403)."""
        assessment = self.get_object()
        if not can_edit_assessment(self.request.user, assessment):
            raise PermissionDenied("Only its author can change an assessment, and only as a draft.")
        return assessment

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = assessment_start(
                user=self.request.user,
                review=data["review"],
                point=data["point"],
                audience=data["audience"],
            )

    @extend_schema(
        request=serializers.RatingInputSerializer, responses=serializers.MarkerRatingSerializer
    )
    @action(detail=True, methods=["post"])
    def ratings(self, request, pk=None):
        """Save one marker's answer in a draft (create or replace)."""
        assessment = self._draft_to_change()
        answer = serializers.RatingInputSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        fields = dict(answer.validated_data)
        try:
            marker = assessment_marker_get(
                assessment=assessment, number=fields.pop("marker_number")
            )
        except Http404:
            raise NotFound("No marker with that number in this assessment's version.") from None
        with service_errors():
            rating = rating_save(user=request.user, assessment=assessment, marker=marker, **fields)
        return Response(serializers.MarkerRatingSerializer(rating).data)

    @extend_schema(request=None, responses=serializers.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft once every marker for its point is answered."""
        assessment = self._draft_to_change()
        with service_errors():
            assessment = assessment_submit(user=request.user, assessment=assessment)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data,
            status=status.HTTP_200_OK,
        )


class MarkerFeedbackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Comments on the markers: anyone signed in writes; administrators read them all."""

    serializer_class = serializers.MarkerFeedbackSerializer

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsAuthenticated()]
        return [IsAdministrator()]

    def get_queryset(self):
        return MarkerFeedback.objects.select_related("author", "marker").order_by("-created_at")

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = marker_feedback_create(
                user=self.request.user,
                marker=data["marker"],
                usefulness=data["usefulness"],
                comment=data["comment"],
            )
