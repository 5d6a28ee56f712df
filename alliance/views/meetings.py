"""Meetings and their decisions: recorded by Alliance members, read by them and by
analysts, never public. A decision can be made an action (``ActionCreateView``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..filtersets import MeetingFilterSet
from ..forms import DecisionForm, MeetingForm
from ..rules import can_record_actions, can_record_meetings, can_view_action
from ..selectors import (
    action_list,
    actions_for_display,
    decision_get,
    meeting_get,
    meeting_list,
)
from ..services import decision_save, meeting_save


class MeetingListView(RoleRequiredMixin, View):
    required_roles = (Role.ALLIANCE_MEMBER, Role.ANALYST)

    def get(self, request):
        filterset = MeetingFilterSet(request.GET or None, queryset=meeting_list(user=request.user))
        meetings = (
            filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        )
        return render(
            request,
            "alliance/meeting_list.html",
            {
                "filter": filterset,
                "meetings": meetings,
                "can_record": can_record_meetings(request.user),
                "hidden_filters": [],
            },
        )


class MeetingDetailView(RoleRequiredMixin, View):
    required_roles = (Role.ALLIANCE_MEMBER, Role.ANALYST)

    def get(self, request, pk):
        user = request.user
        meeting = meeting_get(user=user, pk=pk)
        actions = actions_for_display(action_list(user=user).filter(meeting=meeting))
        # Each decision with the action it became, where this user may see that action.
        decisions = [
            (
                decision,
                decision.action
                if decision.action is not None and can_view_action(user, decision.action)
                else None,
            )
            for decision in meeting.decisions.all()
        ]
        return render(
            request,
            "alliance/meeting_detail.html",
            {
                "meeting": meeting,
                "actions": actions,
                "decisions": decisions,
                "can_change": can_record_meetings(user),
                "can_record_actions": can_record_actions(user),
            },
        )


class MeetingEditView(RoleRequiredMixin, View):
    required_roles = (Role.ALLIANCE_MEMBER,)
    template_name = "alliance/meeting_form.html"

    def _form(self, meeting, data=None):
        initial = {}
        if meeting is not None:
            initial = {
                "title": meeting.title,
                "held_on": meeting.held_on,
                "working_group": meeting.working_group,
                "location": meeting.location,
                "organisations": list(meeting.organisations.all()),
                "issues": list(meeting.issues.all()),
                "notes": meeting.notes,
            }
        return MeetingForm(data, initial=initial, meeting=meeting)

    def get(self, request, pk=None):
        meeting = meeting_get(user=request.user, pk=pk) if pk else None
        return render(
            request, self.template_name, {"form": self._form(meeting), "meeting": meeting}
        )

    def post(self, request, pk=None):
        meeting = meeting_get(user=request.user, pk=pk) if pk else None
        form = self._form(meeting, request.POST)
        if form.is_valid():
            try:
                saved = meeting_save(user=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Meeting saved.")
                return redirect(saved)
        context = {"form": form, "meeting": meeting}
        return render(request, self.template_name, context, status=400)


class DecisionEditView(RoleRequiredMixin, View):
    """Record a decision a meeting took, or correct its wording."""

    required_roles = (Role.ALLIANCE_MEMBER,)
    template_name = "alliance/decision_form.html"

    def _objects(self, request, pk, decision_pk):
        meeting = meeting_get(user=request.user, pk=pk)
        decision = None
        if decision_pk is not None:
            decision = decision_get(user=request.user, pk=decision_pk, meeting=meeting)
        return meeting, decision

    def get(self, request, pk, decision_pk=None):
        meeting, decision = self._objects(request, pk, decision_pk)
        form = DecisionForm(initial={"text": decision.text} if decision else None)
        context = {"form": form, "meeting": meeting, "decision": decision}
        return render(request, self.template_name, context)

    def post(self, request, pk, decision_pk=None):
        meeting, decision = self._objects(request, pk, decision_pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision_save(
                    user=request.user, meeting=meeting, decision=decision, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Decision saved.")
                return redirect(f"{meeting.get_absolute_url()}#decisions")
        context = {"form": form, "meeting": meeting, "decision": decision}
        return render(request, self.template_name, context, status=400)
