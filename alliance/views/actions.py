"""Actions: the public list by practice issue, an action's page, and the pages that change it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin, has_role, is_administrator
from scr_platform.facets import facets_label
from scr_platform.forms import add_service_errors
from scr_platform.fragments import render_page_or_fragment

from ..filtersets import ActionFilterSet
from ..forms import ActionForm, ImpactEvidenceForm, ProgressUpdateForm
from ..rules import (
    can_change_action,
    can_read_meetings,
    can_record_actions,
    can_record_good_practice,
    can_see_overdue,
    can_view_action,
    represented_organisation,
)
from ..selectors import (
    action_facet_counts,
    action_get,
    action_list,
    actions_by_issue,
    alliance_summary,
    decision_get,
    overdue_actions,
)
from ..services import (
    action_create,
    action_edit,
    action_publish,
    impact_evidence_create,
    progress_update_create,
)


@require_GET
def action_list_view(request):
    """The Alliance: per practice issue, what is being done and by whom.

    A filter changed with JavaScript on asks for the results region only (htmx).
    """
    filterset = ActionFilterSet(
        request.GET or None, queryset=action_list(user=request.user), request=request
    )
    actions = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    facets_label(filterset.form, action_facet_counts(ActionFilterSet, request.GET, request=request))
    user = request.user
    return render_page_or_fragment(
        request,
        "alliance/action_list.html",
        "alliance/includes/action_list_results.html",
        {
            "filter": filterset,
            "stages": actions_by_issue(actions=actions),
            "summary": alliance_summary(actions=actions),
            "organisation": represented_organisation(user),
            "can_record": can_record_actions(user),
            "can_record_good_practice": can_record_good_practice(user),
            "can_read_meetings": can_read_meetings(user),
            "overdue": overdue_actions(user=user) if can_see_overdue(user) else None,
            "is_filtered": bool(request.GET),
            "hidden_filters": [],  # the shared filter panel hides none of these
        },
    )


class OverdueListView(RoleRequiredMixin, View):
    """Actions past their due date and still open: for Alliance members and administrators."""

    required_roles = (Role.ALLIANCE_MEMBER,)

    def get(self, request):
        return render(
            request,
            "alliance/action_overdue.html",
            {
                "overdue": overdue_actions(user=request.user),
                "organisation": represented_organisation(request.user),
            },
        )


@require_GET
def action_detail_view(request, pk: int):
    action = action_get(user=request.user, pk=pk)
    return render(
        request,
        "alliance/action_detail.html",
        {
            "action": action,
            "can_change": can_change_action(request.user, action),
            "can_read_meetings": can_read_meetings(request.user),
        },
    )


class ActionCreateView(RoleRequiredMixin, View):
    """An Alliance member records an action for the organisation they represent."""

    required_roles = (Role.ALLIANCE_MEMBER,)
    template_name = "alliance/action_form.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if has_role(user, self.required_roles) and not can_record_actions(user):
            # Say why, rather than the general "you cannot use this page".
            return render(request, "alliance/no_organisation.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def _decision(self, request):
        """?decision=<id>: the meeting's decision this action is made from, if any."""
        pk = request.GET.get("decision")
        return decision_get(user=request.user, pk=pk) if pk else None

    def _form(self, request, decision, data=None):
        # ?issue=D7 (from an issue's page) starts with that issue chosen.
        chosen = list(PracticeIssue.objects.filter(code__in=request.GET.getlist("issue")))
        initial = {"owner": request.user, "issues": chosen}
        if decision is not None:
            # From a decision: its words, and the issues on the meeting's agenda.
            agenda = [issue for issue in decision.meeting.issues.all() if not issue.is_retired]
            initial.update(
                title=_first_line(decision.text),
                description=decision.text,
                issues=chosen or agenda,
                meeting=decision.meeting,
            )
        return ActionForm(
            data,
            initial=initial,
            choose_organisation=is_administrator(request.user),
            organisation=represented_organisation(request.user),
        )

    def _context(self, request, form, decision):
        return {
            "form": form,
            "organisation": represented_organisation(request.user),
            "decision": decision,
        }

    def _already_an_action(self, request, decision):
        messages.info(request, "This decision is already an action.")
        if can_view_action(request.user, decision.action):
            return redirect(decision.action)
        return redirect(decision.meeting)

    def get(self, request):
        decision = self._decision(request)
        if decision is not None and decision.action_id is not None:
            return self._already_an_action(request, decision)
        form = self._form(request, decision)
        return render(request, self.template_name, self._context(request, form, decision))

    def post(self, request):
        decision = self._decision(request)
        form = self._form(request, decision, request.POST)
        if form.is_valid():
            try:
                action = action_create(user=request.user, decision=decision, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Action recorded. Only your organisation sees it until you publish it."
                )
                return redirect(action)
        context = self._context(request, form, decision)
        return render(request, self.template_name, context, status=400)


def _first_line(text: str, limit: int = 120) -> str:
    """A title from a decision's words: its first line, cut at a word if too long."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _ActionChangeView(RoleRequiredMixin, View):
    """Base for pages that change one action: its organisations' representatives and admins."""

    required_roles = (Role.ALLIANCE_MEMBER,)
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.action = action_get(user=request.user, pk=kwargs["pk"])
            if not can_change_action(request.user, self.action):
                raise PermissionDenied("Only the organisations taking this action can change it.")
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "action": self.action}, status=status
        )


class ActionEditView(_ActionChangeView):
    template_name = "alliance/action_form.html"

    def _form(self, request, data=None):
        action = self.action
        initial = {
            "title": action.title,
            "description": action.description,
            "issues": list(action.issues.all()),
            "organisation": action.organisation,
            "partners": list(action.partners.all()),
            "owner": action.owner,
            "due_on": action.due_on,
            "working_group": action.working_group,
            "meeting": action.meeting,
        }
        return ActionForm(
            data,
            initial=initial,
            action=action,
            choose_organisation=is_administrator(request.user),
            organisation=action.organisation,
        )

    def get(self, request, pk):
        return self.render_form(request, self._form(request))

    def post(self, request, pk):
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                action_edit(user=request.user, action=self.action, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Action changed.")
                return redirect(self.action)
        return self.render_form(request, form, status=400)


class ProgressUpdateView(_ActionChangeView):
    template_name = "alliance/progressupdate_form.html"

    def _form(self, data=None):
        return ProgressUpdateForm(
            data, initial={"status": self.action.status}, current_status=self.action.status
        )

    def get(self, request, pk):
        return self.render_form(request, self._form())

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                progress_update_create(user=request.user, action=self.action, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Progress recorded.")
                return redirect(self.action)
        return self.render_form(request, form, status=400)


class ImpactEvidenceView(_ActionChangeView):
    template_name = "alliance/impactevidence_form.html"

    def get(self, request, pk):
        return self.render_form(request, ImpactEvidenceForm())

    def post(self, request, pk):
        form = ImpactEvidenceForm(request.POST)
        if form.is_valid():
            try:
                impact_evidence_create(user=request.user, action=self.action, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Evidence of impact recorded.")
                return redirect(self.action)
        return self.render_form(request, form, status=400)


class ActionPublishView(_ActionChangeView):
    """Publish an action, or take it back from the public."""

    http_method_names = ["post"]

    def post(self, request, pk):
        choice = request.POST.get("publish")
        if choice not in ("yes", "no"):
            messages.error(
                request, "Use the button on this page to publish the action or take it back."
            )
            return redirect(self.action)
        publish = choice == "yes"
        if (
            publish == self.action.is_published
        ):  # already done, e.g. by a colleague or a double click
            return redirect(self.action)
        action_publish(user=request.user, action=self.action, publish=publish)
        messages.success(
            request,
            "Action published: the public can now see it, its progress and evidence."
            if publish
            else "Action taken back: only its organisations can see it now.",
        )
        return redirect(self.action)
