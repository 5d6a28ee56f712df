"""Assisted coding through the API: suggestions, metadata proposals, verification."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole, has_role
from scr_platform.api import service_errors

from ...models import Coding, Suggestion
from ...rules import can_manage_review
from ...selectors import document_list
from ...selectors.metadata import document_metadata_proposals
from ...selectors.suggestions import document_suggestions
from ...selectors.verification import codings_to_verify, disagreements_to_resolve
from ...services.suggestions import suggestion_accept, suggestion_reject
from ...services.verification import coding_resolve, coding_verify
from .. import serializers


class DocumentSuggestionsMixin:
    """``/documents/{id}/suggestions/`` and ``/documents/{id}/metadata-suggestions/``."""

    @extend_schema(responses=serializers.SuggestionSerializer(many=True))
    @action(detail=True, permission_classes=[HasRole.of(Role.ANALYST)])
    def suggestions(self, request, pk=None):
        """Suggested codings still to decide, best first (the same permissions as coding)."""
        document = self.get_object()
        page = self.paginate_queryset(document_suggestions(document=document))
        return self.get_paginated_response(serializers.SuggestionSerializer(page, many=True).data)

    @extend_schema(
        responses={
            200: {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {"value": {}, "page": {"type": "integer"}},
                },
            }
        }
    )
    @action(detail=True, url_path="metadata-suggestions", pagination_class=None)
    def metadata_suggestions(self, request, pk=None):
        """The review's details as found in the report's first pages, each with its page,
        for the board's managers (and analysts) to check: nothing is saved from here."""
        document = self.get_object()
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        if not (
            can_manage_review(request.user, document.review)
            or has_role(request.user, [Role.ANALYST])
        ):
            raise PermissionDenied("Only the review's managers and analysts see proposals.")
        proposals = document_metadata_proposals(document=document)
        return Response(
            {field: {"value": _plain(p.value), "page": p.page} for field, p in proposals.items()}
        )


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    return value


class SuggestionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Suggested codings, best first; decide one: accept (as it is, or with another issue
    and causes) or reject (analysts only, as coding is)."""

    permission_classes = [HasRole.of(Role.ANALYST)]
    serializer_class = serializers.SuggestionSerializer
    filterset_fields = ["document", "status", "page"]
    queryset = Suggestion.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            Suggestion.objects.filter(document__in=document_list(user=self.request.user))
            .select_related("issue")
            .prefetch_related("causes")
            .order_by("-score", "pk")
        )

    @extend_schema(
        request=serializers.SuggestionAcceptSerializer,
        responses=serializers.CodingSerializer,
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        suggestion = self.get_object()
        form = serializers.SuggestionAcceptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        causes = form.validated_data.get("causes")
        with service_errors():
            coding = suggestion_accept(
                user=request.user,
                suggestion=suggestion,
                issue=form.validated_data.get("issue"),
                causes=list(causes) if causes is not None else None,
            )
        # 200: the suggestion is decided; the coding it became is in the body.
        return Response(serializers.CodingSerializer(coding).data)

    @extend_schema(
        request=serializers.SuggestionRejectSerializer, responses=serializers.SuggestionSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        suggestion = self.get_object()
        form = serializers.SuggestionRejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            suggestion = suggestion_reject(
                user=request.user, suggestion=suggestion, reason=form.validated_data["reason"]
            )
        return Response(serializers.SuggestionSerializer(suggestion).data)


class VerificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Other analysts' codings to verify, and disagreements to resolve (analysts only)."""

    permission_classes = [HasRole.of(Role.ANALYST)]
    serializer_class = serializers.VerificationSerializer
    queryset = Coding.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        user = self.request.user
        return (codings_to_verify(user=user) | disagreements_to_resolve(user=user)).order_by("pk")

    @extend_schema(
        request=serializers.VerifySerializer, responses=serializers.VerificationSerializer
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Agree, or disagree with a reason and (optionally) the issue you would code."""
        coding = self.get_object()
        form = serializers.VerifySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            coding = coding_verify(user=request.user, coding=coding, **form.validated_data)
        return Response(serializers.VerificationSerializer(coding).data)

    @extend_schema(
        request=serializers.ResolveSerializer,
        responses={200: serializers.VerificationSerializer, 204: None},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Settle a disagreement: keep, change as proposed, or remove (204)."""
        coding = self.get_object()
        form = serializers.ResolveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            coding = coding_resolve(user=request.user, coding=coding, **form.validated_data)
        if coding is None:
            return Response(status=204)
        return Response(serializers.VerificationSerializer(coding).data)
