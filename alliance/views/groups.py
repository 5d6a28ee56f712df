"""Member organisations and working groups: public pages; members set up working groups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..forms import WorkingGroupForm
from ..rules import can_record_meetings
from ..selectors import (
    action_list,
    actions_for_display,
    meeting_list,
    organisation_actions,
    organisation_get,
    organisation_list,
    working_group_get,
    working_group_list,
)
from ..services import working_group_save


@require_GET
def organisation_list_view(request):
    organisations = list(organisation_list())
    return render(
        request,
        "alliance/organisation_list.html",
        {
            "members": [o for o in organisations if o.is_member],
            "former": [o for o in organisations if not o.is_member],
        },
    )


@require_GET
def organisation_detail_view(request, slug: str):
    organisation = organisation_get(slug=slug)
    actions = actions_for_display(
        organisation_actions(user=request.user, organisation=organisation)
    )
    return render(
        request,
        "alliance/organisation_detail.html",
        {
            "organisation": organisation,
            "actions": actions,
            "working_groups": organisation.working_groups.all(),
        },
    )


@require_GET
def working_group_list_view(request):
    return render(
        request,
        "alliance/workinggroup_list.html",
        {
            "working_groups": working_group_list(),
            "can_record": can_record_meetings(request.user),
        },
    )


@require_GET
def working_group_detail_view(request, slug: str):
    working_group = working_group_get(slug=slug)
    actions = actions_for_display(
        action_list(user=request.user).filter(working_group=working_group)
    )
    return render(
        request,
        "alliance/workinggroup_detail.html",
        {
            "working_group": working_group,
            "actions": actions,
            "meetings": meeting_list(user=request.user).filter(working_group=working_group),
            "can_change": can_record_meetings(request.user),
        },
    )


class WorkingGroupEditView(RoleRequiredMixin, View):
    required_roles = (Role.ALLIANCE_MEMBER,)
    template_name = "alliance/workinggroup_form.html"

    def _form(self, working_group, data=None):
        initial = {}
        if working_group is not None:
            initial = {
                "name": working_group.name,
                "purpose": working_group.purpose,
                "lead_organisation": working_group.lead_organisation,
                "organisations": list(working_group.organisations.all()),
                "issues": list(working_group.issues.all()),
                "formed_on": working_group.formed_on,
                "closed_on": working_group.closed_on,
            }
        return WorkingGroupForm(data, initial=initial, working_group=working_group)

    def get(self, request, slug=None):
        working_group = working_group_get(slug=slug) if slug else None
        context = {"form": self._form(working_group), "working_group": working_group}
        return render(request, self.template_name, context)

    def post(self, request, slug=None):
        working_group = working_group_get(slug=slug) if slug else None
        form = self._form(working_group, request.POST)
        if form.is_valid():
            try:
                saved = working_group_save(
                    user=request.user, working_group=working_group, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Working group saved.")
                return redirect(saved)
        context = {"form": form, "working_group": working_group}
        return render(request, self.template_name, context, status=400)
