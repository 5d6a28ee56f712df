"""Personal data flags: read by the review's managers and analysts, decided by managers."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from scr_platform.api import service_errors

from ...choices import FlagStatus
from ...selectors import flag_list
from ...services.personal_data import flag_decide, flag_undo, flags_decide_same
from .. import serializers
from ..permissions import FlagClearPermission


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
            flag = flag_decide(
                user=request.user,
                flag=flag,
                decision=FlagStatus.NOT_PERSONAL,
                reason=form.validated_data["reason"],
            )
        return Response(serializers.FlagSerializer(flag).data)

    @extend_schema(
        request=serializers.FlagDecisionSerializer, responses=serializers.DecidedSerializer
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Redact the text, or keep it as not personal data (a reason is required).

        With ``"scope": "all"`` every open flag with the same text on the review's
        current documents is decided at once (and, to redact, every page where the
        text stands); the response gives how many.
        """
        flag = self.get_object()
        form = serializers.FlagDecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with service_errors():
            if data["scope"] == "all":
                count = flags_decide_same(
                    user=request.user, flag=flag, decision=data["decision"], reason=data["reason"]
                )
            else:
                flag_decide(
                    user=request.user, flag=flag, decision=data["decision"], reason=data["reason"]
                )
                count = 1
        flag.refresh_from_db()
        return Response(serializers.DecidedSerializer({"decided": count, "flag": flag}).data)

    @extend_schema(request=None, responses={200: serializers.FlagSerializer, 204: None})
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        """Take back a decision until the review is published (a selection is removed: 204)."""
        flag = self.get_object()
        with service_errors():
            remaining = flag_undo(user=request.user, flag=flag)
        if remaining is None:
            return Response(status=204)
        return Response(serializers.FlagSerializer(remaining).data)
