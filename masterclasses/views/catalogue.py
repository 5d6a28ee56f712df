"""The public catalogue of masterclasses, and a reviewer's own applications and places."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_safe

from scr_platform.forms import add_service_errors

from ..choices import PlaceStatus, ReadingKind, RoundStatus
from ..forms import ApplicationForm
from ..models import ApplicationRound, Place, Topic
from ..rules import can_allocate, is_reviewer
from ..selectors.catalogue import (
    application_of,
    attended_sessions,
    open_round,
    places_of,
    round_is_open,
    topic_list,
    topic_sessions,
    waiting_position,
)
from ..services.allocation import place_withdraw
from ..services.applications import application_cancel, application_save
from .helpers import ReviewerRequiredMixin


@require_safe
def catalogue_view(request):
    """Every topic, its reading and upcoming sessions; how to apply if a round is open."""
    current = open_round()
    return render(
        request,
        "masterclasses/catalogue.html",
        {
            "topics": topic_list(),
            "round": current,
            "is_reviewer": is_reviewer(request.user),
            "is_administrator": can_allocate(request.user),
            "application": (
                application_of(user=request.user, application_round=current)
                if current and request.user.is_authenticated
                else None
            ),
        },
    )


@require_safe
def topic_detail_view(request, slug):
    topic = get_object_or_404(Topic.objects.prefetch_related("reading"), slug=slug)
    reading = list(topic.reading.all())
    return render(
        request,
        "masterclasses/topic_detail.html",
        {
            "topic": topic,
            "pre_reading": [item for item in reading if item.kind == ReadingKind.PRE_READING],
            "further_reading": [item for item in reading if item.kind == ReadingKind.FURTHER],
            "sessions": topic_sessions(topic=topic),
            "round": open_round(),
            "is_reviewer": is_reviewer(request.user),
        },
    )


class ApplyView(ReviewerRequiredMixin, View):
    """Apply for a round's masterclasses, or change the application, until it closes."""

    template_name = "masterclasses/application_form.html"

    def _round(self, pk):
        return get_object_or_404(ApplicationRound, pk=pk)

    def _context(self, form, application_round, application):
        return {"form": form, "round": application_round, "application": application}

    def _sessions(self, application_round):
        return application_round.sessions.select_related("topic").order_by("date", "pk")

    def get(self, request, pk):
        application_round = self._round(pk)
        application = application_of(user=request.user, application_round=application_round)
        if not round_is_open(application_round):
            messages.info(
                request,
                f"Applications for {application_round} have closed. "
                "You can see your outcome here once places are confirmed.",
            )
            return redirect("masterclasses:yours")
        initial = {}
        if application:
            initial = {
                "first_choice": application.first_choice_id,
                "second_choice": application.second_choice_id,
            }
        form = ApplicationForm(initial=initial, sessions=self._sessions(application_round))
        return render(
            request, self.template_name, self._context(form, application_round, application)
        )

    def post(self, request, pk):
        application_round = self._round(pk)
        application = application_of(user=request.user, application_round=application_round)
        if "cancel" in request.POST and application:
            try:
                application_cancel(user=request.user, application=application)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Your application is cancelled.")
            return redirect("masterclasses:yours")
        form = ApplicationForm(request.POST, sessions=self._sessions(application_round))
        if form.is_valid():
            try:
                application_save(
                    user=request.user, application_round=application_round, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Your application is saved. You can change it until "
                    f"{application_round.closing_date:%-d %B %Y}.",
                )
                return redirect("masterclasses:yours")
        return render(
            request,
            self.template_name,
            self._context(form, application_round, application),
            status=400,
        )


def _your_places(user):
    places = list(places_of(user=user))
    for place in places:
        if place.status == PlaceStatus.WAITING:
            # A reviewer waits on few sessions: one small count each.
            place.waiting_position = waiting_position(place=place)
    return places


class YourMasterclassesView(ReviewerRequiredMixin, View):
    """A reviewer's applications, confirmed places and waiting lists, and feedback to give."""

    def get(self, request):
        current = open_round()
        return render(
            request,
            "masterclasses/yours.html",
            {
                "round": current,
                "application": (
                    application_of(user=request.user, application_round=current)
                    if current
                    else None
                ),
                "pending": request.user.masterclass_applications.filter(
                    round__status=RoundStatus.OPEN
                ).select_related("round", "first_choice__topic", "second_choice__topic"),
                "places": _your_places(request.user),
                "attended": attended_sessions(user=request.user),
            },
        )


class PlaceWithdrawView(ReviewerRequiredMixin, View):
    """Confirm, then withdraw from a place or a waiting list."""

    def _place(self, request, pk):
        place = get_object_or_404(
            Place.objects.select_related("session__topic", "application", "run"), pk=pk
        )
        if place.application.reviewer_id != request.user.pk:
            raise Http404("No such place")
        return place

    def get(self, request, pk):
        return render(
            request, "masterclasses/place_withdraw.html", {"place": self._place(request, pk)}
        )

    def post(self, request, pk):
        place = self._place(request, pk)
        try:
            place_withdraw(user=request.user, place=place)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"You have withdrawn from {place.session}.")
        return redirect(reverse("masterclasses:yours"))
