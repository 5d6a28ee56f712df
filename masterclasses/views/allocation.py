"""Administrators: close a round, run the allocation, check the preview, confirm it,
record attendance and read the feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from scr_platform.forms import add_service_errors

from ..choices import Choice, PlaceStatus, RunStatus
from ..forms import AttendanceForm, SeedForm
from ..models import AllocationRun, ApplicationRound, Session
from ..selectors.catalogue import (
    confirmed_run,
    round_is_open,
    round_list,
    round_sessions,
    run_places,
    session_attendees,
)
from ..selectors.feedback import feedback_summaries
from ..services.allocation import allocation_confirm, allocation_run
from ..services.applications import round_close
from ..services.attendance import attendance_record
from .helpers import AdministratorRequiredMixin


class RoundListView(AdministratorRequiredMixin, View):
    def get(self, request):
        return render(request, "masterclasses/round_list.html", {"rounds": round_list()})


class RoundDetailView(AdministratorRequiredMixin, View):
    """A round's sessions and demand; run the allocation once it has closed."""

    template_name = "masterclasses/round_detail.html"

    def _context(self, application_round, form):
        return {
            "round": application_round,
            "is_open": round_is_open(application_round),
            "sessions": round_sessions(application_round=application_round),
            "runs": application_round.runs.select_related("created_by", "confirmed_by"),
            "confirmed": confirmed_run(application_round=application_round),
            "form": form,
        }

    def get(self, request, pk):
        application_round = get_object_or_404(ApplicationRound, pk=pk)
        return render(request, self.template_name, self._context(application_round, SeedForm()))

    def post(self, request, pk):
        application_round = get_object_or_404(ApplicationRound, pk=pk)
        form = SeedForm(request.POST)
        if form.is_valid():
            try:
                run = allocation_run(
                    user=request.user,
                    application_round=application_round,
                    seed=form.cleaned_data["seed"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The allocation has run. Check it before confirming.")
                return redirect(run)
        return render(
            request, self.template_name, self._context(application_round, form), status=400
        )


class RoundCloseView(AdministratorRequiredMixin, View):
    """Close applications before the closing date, once the administrator has confirmed:
    reviewers cannot apply or change their choices afterwards, and it cannot be undone."""

    template_name = "masterclasses/round_close.html"

    def get(self, request, pk):
        application_round = get_object_or_404(round_list(), pk=pk)
        if not round_is_open(application_round):
            messages.info(request, "Applications for this round have already closed.")
            return redirect(application_round)
        return render(request, self.template_name, {"round": application_round})

    def post(self, request, pk):
        application_round = get_object_or_404(ApplicationRound, pk=pk)
        try:
            round_close(user=request.user, application_round=application_round)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Applications are closed. You can run the allocation.")
        return redirect(application_round)


def _run_summary(run: AllocationRun) -> tuple[list[dict], list]:
    """Per session: placed by first choice, by second choice, waiting; then the unplaced."""
    places = list(run_places(run=run))
    sessions = {
        session.pk: {
            "session": session,
            "first": [],
            "second": [],
            "waiting": [],
            "withdrawn": [],
        }
        for session in run.round.sessions.select_related("topic").order_by("date", "pk")
    }
    for place in places:
        entry = sessions[place.session_id]
        if place.status == PlaceStatus.PLACED:
            entry["first" if place.choice == Choice.FIRST else "second"].append(place)
        else:
            entry["waiting" if place.status == PlaceStatus.WAITING else "withdrawn"].append(place)
    for entry in sessions.values():
        entry["filled"] = len(entry["first"]) + len(entry["second"])
    with_a_place = {p.application_id for p in places if p.status == PlaceStatus.PLACED}
    unplaced, seen = [], set()
    for place in places:
        if place.application_id not in with_a_place and place.application_id not in seen:
            seen.add(place.application_id)
            unplaced.append(place.application)
    unplaced.sort(key=lambda application: str(application.reviewer))
    return list(sessions.values()), unplaced


class RunDetailView(AdministratorRequiredMixin, View):
    """The result of a run, session by session, to check and then confirm."""

    def get(self, request, pk):
        run = get_object_or_404(AllocationRun.objects.select_related("round"), pk=pk)
        sessions, unplaced = _run_summary(run)
        return render(
            request,
            "masterclasses/run_detail.html",
            {"run": run, "sessions": sessions, "unplaced": unplaced, "draft": RunStatus.DRAFT},
        )

    def post(self, request, pk):
        run = get_object_or_404(AllocationRun, pk=pk)
        try:
            allocation_confirm(user=request.user, run=run)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Places are confirmed. Reviewers can now see their outcome.")
        return redirect(run)


class AttendanceView(AdministratorRequiredMixin, View):
    """Record who attended a session; attending adds it to their CPD log."""

    template_name = "masterclasses/attendance_form.html"

    def _setup(self, pk):
        session = get_object_or_404(Session.objects.select_related("topic"), pk=pk)
        return session, session_attendees(session=session)

    def get(self, request, pk):
        session, attendees = self._setup(pk)
        initial = {"attended": [str(user.pk) for user, came in attendees if came]}
        form = AttendanceForm(initial=initial, reviewers=[user for user, _ in attendees])
        return render(
            request,
            self.template_name,
            {"session": session, "attendees": attendees, "form": form},
        )

    def post(self, request, pk):
        session, attendees = self._setup(pk)
        form = AttendanceForm(request.POST, reviewers=[user for user, _ in attendees])
        if form.is_valid():
            chosen = set(form.cleaned_data["attended"])
            try:
                attendance_record(
                    user=request.user,
                    session=session,
                    attended={user.pk: str(user.pk) in chosen for user, _ in attendees},
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Attendance recorded: {len(chosen)} attended.")
                return redirect("masterclasses:attendance", pk=session.pk)
        return render(
            request,
            self.template_name,
            {"session": session, "attendees": attendees, "form": form},
            status=400,
        )


class FeedbackSummaryView(AdministratorRequiredMixin, View):
    """Feedback per topic and per session, on the agreement scale, with the comments."""

    def get(self, request):
        per_session, per_topic = feedback_summaries()
        return render(
            request,
            "masterclasses/feedback_summary.html",
            {"per_session": per_session, "per_topic": per_topic},
        )
