"""Digital summits in the API (/api/alliance/summit-rounds/, /api/alliance/contributions/),
with the pages' rules: rounds and approved contributions are public; the author and
analysts see the rest; practitioners contribute; analysts run rounds and moderate.

A contribution never carries its author: its sector only, named only where the round has
enough contributors from it (``selectors.summits``), as on the pages.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from collation.models import PracticeIssue
from scr_platform.api import service_errors

from ..choices import ContributionStatus, PractitionerSector, ReportReason
from ..models import Contribution, SummitRound
from ..rules import can_contribute, can_run_summits
from ..selectors import contributions_visible, summit_round_list
from ..selectors.summits import public_sector_labels
from ..services import (
    contribution_approve,
    contribution_create,
    contribution_reject,
    contribution_report,
    contribution_withdraw,
    summit_round_advance,
    summit_round_open,
)
from ..services.limits import requester_key

# --- Serializers -------------------------------------------------------------------


class SummitRoundSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(
        slug_field="code", queryset=PracticeIssue.objects.filter(retired_at__isnull=True)
    )
    causes = serializers.IntegerField(read_only=True, help_text="Approved causes.")
    solutions = serializers.IntegerField(read_only=True, help_text="Approved solutions.")

    class Meta:
        model = SummitRound
        fields = ["id", "issue", "title", "question", "phase", "summary", "opened_at"]
        fields += ["causes", "solutions"]
        read_only_fields = ["phase", "summary", "opened_at"]


class ContributionSerializer(serializers.ModelSerializer):
    round = serializers.PrimaryKeyRelatedField(queryset=SummitRound.objects.all())
    sector = serializers.SerializerMethodField(
        help_text='The contributor\'s sector, or "Practitioner" where too few from it took part.'
    )

    class Meta:
        model = Contribution
        fields = ["id", "round", "phase", "text", "sector", "status", "rejection_reason"]
        fields += ["created_at"]
        read_only_fields = ["phase", "status", "rejection_reason", "created_at"]

    def get_sector(self, contribution) -> str:
        if contribution.status != ContributionStatus.APPROVED:
            return PractitionerSector(contribution.sector).label  # for its author or analysts
        labels = self.context.get("sector_labels", {})
        return labels.get((contribution.round_id, contribution.sector), "Practitioner")


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="")


class ReportSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=ReportReason.choices)


# --- Permissions (asked before a body is read) --------------------------------------


class RoundPermission(permissions.BasePermission):
    message = "Only analysts open and run digital summits."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_run_summits(request.user)


class ContributionPermission(permissions.BasePermission):
    """Anyone reads (the selector hides what they may not see) and reports; practitioners
    contribute; authors withdraw; analysts moderate."""

    message = "You may not do this with contributions."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS or view.action == "report":
            return True
        if view.action == "create":
            self.message = "Only practitioners who confirmed their e-mail address contribute."
            return can_contribute(request.user)
        if view.action in ("approve", "reject"):
            self.message = "Only analysts moderate contributions."
            return can_run_summits(request.user)
        return request.user.is_authenticated


# --- Viewsets --------------------------------------------------------------------------


class SummitRoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Digital summit rounds on practice issues: public; analysts open and move them on."""

    serializer_class = SummitRoundSerializer
    permission_classes = [RoundPermission]
    queryset = SummitRound.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return summit_round_list()

    def perform_create(self, serializer):
        with service_errors():
            created = summit_round_open(user=self.request.user, **serializer.validated_data)
        serializer.instance = summit_round_list().get(pk=created.pk)

    @extend_schema(request=None, responses={200: SummitRoundSerializer})
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the round on: from causes to solutions, from solutions to closed."""
        summit = self.get_object()
        with service_errors():
            summit_round_advance(user=request.user, summit=summit)
        return Response(self.get_serializer(self.get_object()).data)


class ContributionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Practitioners' causes and solutions. The public sees approved ones; a practitioner
    also their own, in every state; analysts all (``?status=waiting`` is the queue)."""

    serializer_class = ContributionSerializer
    permission_classes = [ContributionPermission]
    queryset = Contribution.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        found = contributions_visible(self.request.user)
        wanted = self.request.query_params.get("status")
        if wanted in ContributionStatus.values:
            found = found.filter(status=wanted)
        if (round_id := self.request.query_params.get("round", "")).isdigit():
            found = found.filter(round_id=round_id)
        return found

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["sector_labels"] = public_sector_labels()
        return context

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = contribution_create(
                user=self.request.user, summit=data["round"], text=data["text"]
            )

    def _answer(self, contribution):
        return Response(self.get_serializer(contribution).data)

    @extend_schema(request=None, responses={200: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Its author takes it back; it leaves every public page at once."""
        contribution = self.get_object()
        try:
            contribution = contribution_withdraw(user=request.user, contribution=contribution)
        except PermissionDenied:
            raise Http404("No such contribution of yours") from None
        return self._answer(contribution)

    @extend_schema(request=None, responses={200: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        with service_errors():
            contribution = contribution_approve(user=request.user, contribution=self.get_object())
        return self._answer(contribution)

    @extend_schema(request=RejectSerializer, responses={200: ContributionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject, with the reason its author sees."""
        contribution = self.get_object()
        form = RejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            contribution = contribution_reject(
                user=request.user, contribution=contribution, **form.validated_data
            )
        return self._answer(contribution)

    @extend_schema(request=ReportSerializer, responses={202: None})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Report an approved contribution: it is hidden until an analyst checks it again."""
        contribution = self.get_object()
        if contribution.status != ContributionStatus.APPROVED:
            raise Http404("Only contributions that are shown can be reported.")
        form = ReportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            contribution_report(
                contribution=contribution,
                reporter_key=requester_key(request),
                **form.validated_data,
            )
        return Response(status=status.HTTP_202_ACCEPTED)
