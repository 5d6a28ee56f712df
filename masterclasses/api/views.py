"""Reviewer development: thin DRF viewsets; rules from rules.py, writes through services."""

from django.db.models import ProtectedError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import HasRole, IsAdministrator, is_administrator
from scr_platform.api import service_errors

from ..choices import RunStatus
from ..filtersets import ProfileFilterSet
from ..models import (
    AllocationRun,
    Application,
    ApplicationRound,
    CpdActivity,
    Feedback,
    Place,
    ReadingItem,
    Session,
)
from ..selectors.catalogue import topic_list
from ..selectors.cpd import cpd_list, cpd_summary
from ..selectors.directory import profile_list, profile_of
from ..selectors.feedback import feedback_summaries
from ..services.allocation import allocation_confirm, allocation_run, place_withdraw
from ..services.applications import application_cancel, application_save, round_close
from ..services.attendance import attendance_record, feedback_save
from ..services.cpd import cpd_activity_delete, cpd_activity_save
from ..services.profiles import profile_save
from ..views.cpd import CPD_YEARS
from . import serializers

IsReviewer = HasRole.of(Role.LEAD_REVIEWER)


class AdministratorWritesOrReadOnly(permissions.BasePermission):
    """The catalogue: anyone reads; administrators change it."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or is_administrator(request.user)


class RefuseProtectedDelete:
    """Deleting what others' records depend on is a 400 saying why, not a server error."""

    protected_message = ""

    def perform_destroy(self, instance):
        try:
            instance.delete()
        except ProtectedError as error:  # raised before anything is deleted
            raise ValidationError(self.protected_message) from error


class ProfileViewSet(viewsets.ReadOnlyModelViewSet):
    """The reviewer directory, as you may see it; ``me`` is your own profile."""

    serializer_class = serializers.ProfileSerializer
    filterset_class = ProfileFilterSet
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return profile_list(user=self.request.user)

    @extend_schema(
        request=serializers.ProfileWriteSerializer, responses=serializers.ProfileSerializer
    )
    @action(detail=False, methods=["get", "put"], permission_classes=[IsReviewer])
    def me(self, request):
        """Read or replace your own directory profile."""
        if request.method == "PUT":
            form = serializers.ProfileWriteSerializer(data=request.data)
            form.is_valid(raise_exception=True)
            with service_errors():
                profile_save(user=request.user, **form.service_arguments())
        profile = profile_of(user=request.user)
        if profile is None:
            raise NotFound("You have no directory profile yet.")
        return Response(self.get_serializer(profile).data)


class TopicViewSet(RefuseProtectedDelete, viewsets.ModelViewSet):
    protected_message = (
        "This topic has sessions, so it cannot be deleted. Delete its sessions first, "
        "or keep the topic."
    )
    serializer_class = serializers.TopicSerializer
    permission_classes = [AdministratorWritesOrReadOnly]
    lookup_field = "slug"

    def get_queryset(self):
        return topic_list()


class ReadingItemViewSet(viewsets.ModelViewSet):
    serializer_class = serializers.ReadingItemSerializer
    permission_classes = [AdministratorWritesOrReadOnly]
    queryset = ReadingItem.objects.select_related("topic")
    filterset_fields = ["topic", "kind"]


class SessionViewSet(RefuseProtectedDelete, viewsets.ModelViewSet):
    protected_message = (
        "Reviewers have chosen this session in their applications, so it cannot be deleted."
    )
    serializer_class = serializers.SessionSerializer
    permission_classes = [AdministratorWritesOrReadOnly]
    queryset = Session.objects.select_related("topic", "round")
    filterset_fields = ["topic", "round"]

    @extend_schema(request=serializers.AttendanceSerializer, responses={204: None})
    @action(detail=True, methods=["post"], permission_classes=[IsAdministrator])
    def attendance(self, request, pk=None):
        """Record who attended (reviewer id → true/false); attending adds it to their CPD log."""
        form = serializers.AttendanceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            attended = {int(key): value for key, value in form.validated_data["attended"].items()}
        except ValueError as error:
            raise ValidationError({"attended": "Give reviewers by their id."}) from error
        with service_errors():
            attendance_record(user=request.user, session=self.get_object(), attended=attended)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoundViewSet(viewsets.ModelViewSet):
    serializer_class = serializers.RoundSerializer
    permission_classes = [AdministratorWritesOrReadOnly]
    queryset = ApplicationRound.objects.all()
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=None, responses=serializers.RoundSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAdministrator])
    def close(self, request, pk=None):
        """Stop taking applications now."""
        with service_errors():
            application_round = round_close(user=request.user, application_round=self.get_object())
        return Response(self.get_serializer(application_round).data)


class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your applications (administrators: everyone's); one per round, until it closes."""

    serializer_class = serializers.ApplicationSerializer
    permission_classes = [IsReviewer]
    filterset_fields = ["round"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema has no user
            return Application.objects.none()
        applications = Application.objects.select_related("round", "reviewer")
        if is_administrator(self.request.user):
            return applications
        return applications.filter(reviewer=self.request.user)

    def _save(self, serializer, application_round):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = application_save(
                user=self.request.user,
                application_round=application_round,
                first_choice=data["first_choice"],
                second_choice=data.get("second_choice"),
            )

    def perform_create(self, serializer):
        self._save(serializer, serializer.validated_data["round"])

    def perform_update(self, serializer):
        if serializer.instance.reviewer_id != self.request.user.pk:
            # Administrators see everyone's applications, but each is its reviewer's to change.
            raise PermissionDenied("Change your own application only.")
        data = serializer.validated_data
        data.setdefault("first_choice", serializer.instance.first_choice)
        if "second_choice" not in data:
            data["second_choice"] = serializer.instance.second_choice
        self._save(serializer, serializer.instance.round)

    def perform_destroy(self, instance):
        with service_errors():
            application_cancel(user=self.request.user, application=instance)


class RunViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Allocation runs: run one (a preview), read it, confirm it. Administrators only."""

    permission_classes = [IsAdministrator]
    queryset = AllocationRun.objects.select_related("round")
    filterset_fields = ["round", "status"]

    def get_serializer_class(self):
        if self.action in ("retrieve", "confirm"):
            return serializers.RunDetailSerializer
        return serializers.RunSerializer

    def get_queryset(self):
        if self.action in ("retrieve", "confirm"):
            return self.queryset.prefetch_related("places__application")
        return self.queryset

    def perform_create(self, serializer):
        data = serializer.validated_data
        with service_errors():
            serializer.instance = allocation_run(
                user=self.request.user, application_round=data["round"], seed=data.get("seed")
            )

    @extend_schema(request=None, responses=serializers.RunDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm a preview: reviewers see their outcome."""
        with service_errors():
            run = allocation_confirm(user=request.user, run=self.get_object())
        return Response(serializers.RunDetailSerializer(run, context={"request": request}).data)


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Your confirmed places and waiting lists (administrators: everyone's); withdraw."""

    serializer_class = serializers.PlaceSerializer
    permission_classes = [IsReviewer]
    filterset_fields = ["session", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Place.objects.none()
        places = Place.objects.select_related("application", "run").filter(
            run__status=RunStatus.CONFIRMED
        )
        if is_administrator(self.request.user):
            return places
        return places.filter(application__reviewer=self.request.user)

    @extend_schema(request=None, responses=serializers.PlaceSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw; a freed place goes to the next on the session's waiting list."""
        place = self.get_object()
        with service_errors():
            place_withdraw(user=request.user, place=place)
        place.refresh_from_db()
        return Response(self.get_serializer(place).data)


class FeedbackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Your feedback on sessions you attended (posting again changes it); administrators
    read everyone's and the summary."""

    serializer_class = serializers.FeedbackSerializer
    permission_classes = [IsReviewer]
    filterset_fields = ["session"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Feedback.objects.none()
        feedback = Feedback.objects.select_related("session")
        if is_administrator(self.request.user):
            return feedback
        return feedback.filter(reviewer=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        session = data.pop("session")
        with service_errors():
            serializer.instance = feedback_save(user=self.request.user, session=session, **data)

    @extend_schema(
        responses=inline_serializer(
            "FeedbackSummaries",
            {
                "topics": serializers.FeedbackSummarySerializer(many=True),
                "sessions": serializers.FeedbackSummarySerializer(many=True),
            },
        ),
        # The viewset's filter (?session=) is for the list; the summary covers everything.
        filters=False,
    )
    # One object of two short lists, never a page: no pagination, whatever the default.
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[IsAdministrator],
        pagination_class=None,
        filter_backends=[],
    )
    def summary(self, request):
        """Counts on the agreement scale per topic and per session, with comments."""
        per_session, per_topic = feedback_summaries()
        return Response(
            {
                "topics": serializers.FeedbackSummarySerializer(per_topic, many=True).data,
                "sessions": serializers.FeedbackSummarySerializer(per_session, many=True).data,
            }
        )


class CpdActivityViewSet(viewsets.ModelViewSet):
    """Your CPD log: nobody else's, administrators included."""

    serializer_class = serializers.CpdActivitySerializer
    permission_classes = [IsReviewer]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CpdActivity.objects.none()
        return cpd_list(user=self.request.user)

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = cpd_activity_save(
                user=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer):
        activity = serializer.instance
        data = {
            name: serializer.validated_data.get(name, getattr(activity, name))
            for name in ("date", "title", "kind", "hours", "reflection")
        }
        with service_errors():
            serializer.instance = cpd_activity_save(
                user=self.request.user, activity=activity, **data
            )

    def perform_destroy(self, instance):
        with service_errors():
            cpd_activity_delete(user=self.request.user, activity=instance)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": CPD_YEARS.start, "maximum": CPD_YEARS.stop - 1},
                description="Calendar year; this year if omitted",
            )
        ],
        responses=serializers.CpdSummarySerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def summary(self, request):
        """A year of CPD: total hours, hours by kind, and the activities."""
        year = request.query_params.get("year", str(timezone.localdate().year))
        # Checked here: a year no date can have (0, 10000, ...) would fail in the database.
        if not (year.isascii() and year.isdigit()) or int(year) not in CPD_YEARS:
            raise ValidationError(
                {
                    "year": [
                        f"Give the year as four digits, from {CPD_YEARS.start} "
                        f"to {CPD_YEARS.stop - 1}, like 2016."
                    ]
                }
            )
        summary = cpd_summary(user=request.user, year=int(year))
        return Response(serializers.CpdSummarySerializer(summary).data)
