"""Alliance: thin DRF viewsets; reads through selectors, writes through services.

The same rules as the pages: the public reads organisations, working groups,
published actions and good practice; Alliance members write; meetings and
their decisions are for members and analysts. Actions are never deleted: they
are dropped, with the reason, by a progress update.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole
from scr_platform.api import service_errors

from ..filtersets import (
    ActionFilterSet,
    GoodPracticeFilterSet,
    MeetingFilterSet,
    OrganisationFilterSet,
    WorkingGroupFilterSet,
)
from ..models import Action, Decision, GoodPractice, Meeting, Representative
from ..selectors import (
    action_get,
    action_list,
    actions_for_display,
    good_practice_list,
    meeting_list,
    organisation_list,
    working_group_list,
)
from ..services import (
    action_create,
    action_edit,
    action_publish,
    decision_save,
    good_practice_save,
    impact_evidence_create,
    meeting_save,
    progress_update_create,
    working_group_save,
)
from . import serializers
from .permissions import (
    ActionPermission,
    GoodPracticePermission,
    MeetingsPermission,
    ReadOrRecordMeetings,
)


class WriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and change; nothing here is deleted through the API."""


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Member organisations (and those that have left). Administrators keep them in admin."""

    serializer_class = serializers.OrganisationSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = OrganisationFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        return organisation_list()


class RepresentativeViewSet(viewsets.ReadOnlyModelViewSet):
    """Who represents each organisation (Alliance members and analysts)."""

    serializer_class = serializers.RepresentativeSerializer
    permission_classes = [HasRole.of(Role.ALLIANCE_MEMBER, Role.ANALYST)]
    filterset_fields = ["organisation__slug", "ended_on"]
    queryset = Representative.objects.select_related("organisation", "user")


class WorkingGroupViewSet(WriteViewSet):
    """Working groups: public; Alliance members set them up and change them."""

    serializer_class = serializers.WorkingGroupSerializer
    permission_classes = [ReadOrRecordMeetings]
    filterset_class = WorkingGroupFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        return working_group_list()

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = working_group_save(
                user=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer):
        group = serializer.instance
        data = {
            "name": group.name,
            "purpose": group.purpose,
            "issues": group.issues.all(),
            "organisations": group.organisations.all(),
            "lead_organisation": group.lead_organisation,
            "formed_on": group.formed_on,
            "closed_on": group.closed_on,
            **serializer.validated_data,
        }
        with service_errors():
            serializer.instance = working_group_save(
                user=self.request.user, working_group=group, **data
            )


class MeetingViewSet(WriteViewSet):
    """Meetings of the Alliance and its working groups: for members and analysts."""

    serializer_class = serializers.MeetingSerializer
    permission_classes = [MeetingsPermission]
    filterset_class = MeetingFilterSet
    queryset = Meeting.objects.none()  # for the schema; the selector decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return meeting_list(user=self.request.user)

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = meeting_save(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        meeting = serializer.instance
        data = {
            "title": meeting.title,
            "held_on": meeting.held_on,
            "working_group": meeting.working_group,
            "location": meeting.location,
            "notes": meeting.notes,
            "issues": meeting.issues.all(),
            "organisations": meeting.organisations.all(),
            **serializer.validated_data,
        }
        with service_errors():
            serializer.instance = meeting_save(user=self.request.user, meeting=meeting, **data)


class ActionViewSet(WriteViewSet):
    """Improvement actions on practice issues.

    Everyone reads published actions; representatives also see their own
    organisation's unpublished ones, record actions and change those their
    organisation leads or is a partner in. Status moves with a progress update.
    """

    serializer_class = serializers.ActionSerializer
    permission_classes = [ActionPermission]
    filterset_class = ActionFilterSet
    queryset = Action.objects.none()  # for the schema; the selector decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return actions_for_display(action_list(user=self.request.user)).order_by("-pk")

    def get_object(self):
        # With its updates and evidence; 404 for an action the user may not see.
        found = action_get(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, found)
        return found

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ActionDetailSerializer
        if self.action == "progress":
            return serializers.ProgressUpdateSerializer
        if self.action == "evidence":
            return serializers.ImpactEvidenceSerializer
        if self.action == "publish":
            return serializers.ActionPublishSerializer
        return serializers.ActionSerializer

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = action_create(user=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        current = serializer.instance
        data = dict(serializer.validated_data)
        if data.pop("decision", None) is not None:
            raise ValidationError(
                {"decision": ["An action is made from a decision when it is recorded."]}
            )
        if data.pop("status", current.status) != current.status:
            raise ValidationError(
                {"status": ["Change the status with a progress update (POST …/progress/)."]}
            )
        data = {
            "title": current.title,
            "description": current.description,
            "issues": current.issues.all(),
            "partners": current.partners.all(),
            "owner": current.owner,
            "working_group": current.working_group,
            "meeting": current.meeting,
            "due_on": current.due_on,
            **data,
        }
        with service_errors():
            serializer.instance = action_edit(user=self.request.user, action=current, **data)

    def _created(self, record, serializer_class):
        data = serializer_class(record, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ProgressUpdateSerializer,
        responses={201: serializers.ProgressUpdateSerializer},
    )
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Record dated progress; a ``status`` that differs moves the action on."""
        target = self.get_object()
        form = serializers.ProgressUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            update = progress_update_create(user=request.user, action=target, **form.validated_data)
        return self._created(update, serializers.ProgressUpdateSerializer)

    @extend_schema(
        request=serializers.ImpactEvidenceSerializer,
        responses={201: serializers.ImpactEvidenceSerializer},
    )
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        """Record evidence that the action made a difference."""
        target = self.get_object()
        form = serializers.ImpactEvidenceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            evidence = impact_evidence_create(
                user=request.user, action=target, **form.validated_data
            )
        return self._created(evidence, serializers.ImpactEvidenceSerializer)

    @extend_schema(
        request=serializers.ActionPublishSerializer, responses=serializers.ActionSerializer
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Show the action to the public (``{"publish": false}`` takes it back)."""
        target = self.get_object()
        form = serializers.ActionPublishSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        action_publish(user=request.user, action=target, publish=form.validated_data["publish"])
        context = self.get_serializer_context()
        return Response(serializers.ActionSerializer(target, context=context).data)


class DecisionViewSet(WriteViewSet):
    """Decisions of meetings: for members and analysts; Alliance members record them.

    Make one an action by recording the action with ``decision`` set.
    """

    serializer_class = serializers.DecisionSerializer
    permission_classes = [MeetingsPermission]
    filterset_fields = ["meeting"]
    queryset = Decision.objects.none()  # for the schema; the selector decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return Decision.objects.filter(
            meeting__in=meeting_list(user=self.request.user).values("pk")
        ).order_by("meeting", "created_at", "pk")

    def perform_create(self, serializer):
        meeting = serializer.validated_data["meeting"]
        with service_errors():
            serializer.instance = decision_save(
                user=self.request.user, meeting=meeting, text=serializer.validated_data["text"]
            )

    def perform_update(self, serializer):
        decision = serializer.instance
        if serializer.validated_data.get("meeting", decision.meeting) != decision.meeting:
            raise ValidationError({"meeting": ["A decision stays with its meeting."]})
        with service_errors():
            serializer.instance = decision_save(
                user=self.request.user,
                meeting=decision.meeting,
                decision=decision,
                text=serializer.validated_data.get("text", decision.text),
            )


class GoodPracticeViewSet(WriteViewSet):
    """Good practice: what has worked somewhere, on one or more practice issues. Public."""

    serializer_class = serializers.GoodPracticeSerializer
    permission_classes = [GoodPracticePermission]
    filterset_class = GoodPracticeFilterSet
    queryset = GoodPractice.objects.none()  # for the schema

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return good_practice_list()

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = good_practice_save(
                user=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer):
        item = serializer.instance
        data = {
            "title": item.title,
            "what_worked": item.what_worked,
            "where": item.where,
            "organisation": item.organisation,
            "issues": item.issues.all(),
            "links": item.links,
            "started_on": item.started_on,
            **serializer.validated_data,
        }
        with service_errors():
            serializer.instance = good_practice_save(
                user=self.request.user, good_practice=item, **data
            )
