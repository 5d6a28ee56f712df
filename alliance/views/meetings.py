"""Meetings: recorded by Alliance members, read by them and by analysts, never public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from collation.views.helpers import add_service_errors
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin

from ..filtersets import MeetingFilterSet
from ..forms import MeetingForm
from ..rules import can_record_meetings
from ..selectors import action_list, actions_for_display, meeting_get, meeting_list
from ..services import meeting_save


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
        meeting = meeting_get(user=request.user, pk=pk)
        actions = actions_for_display(action_list(user=request.user).filter(meeting=meeting))
        return render(
            request,
            "alliance/meeting_detail.html",
            {
                "meeting": meeting,
                "actions": actions,
                "can_change": can_record_meetings(request.user),
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
                "summary": meeting.summary,
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
