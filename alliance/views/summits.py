"""Digital summits (/summits/): public rounds, practitioners' contributions, moderation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors
from scr_platform.response_cache import public_response_cache

from ..choices import ContributionStatus, SummitPhase
from ..forms_summits import (
    ContributionForm,
    RejectForm,
    ReportForm,
    SummaryForm,
    SummitRoundForm,
)
from ..rules import can_contribute, can_run_summits
from ..selectors import (
    awaits_verification,
    contribution_get,
    moderation_queue,
    my_contributions,
    round_contributions,
    round_summary_counts,
    round_summary_draft,
    summit_round_get,
    summit_round_list,
)
from ..services import (
    contribution_approve,
    contribution_create,
    contribution_reject,
    contribution_report,
    contribution_withdraw,
    summit_round_advance,
    summit_round_open,
    summit_round_summarise,
)
from ..services.limits import requester_key


@require_GET
@public_response_cache("summit-list")
def summit_list_view(request):
    """Open rounds first, then past ones."""
    rounds = list(summit_round_list())
    return render(
        request,
        "alliance/summits/summit_list.html",
        {
            "open_rounds": [item for item in rounds if item.is_open],
            "past_rounds": [item for item in rounds if not item.is_open],
            "can_run": can_run_summits(request.user),
            "can_contribute": can_contribute(request.user),
        },
    )


@require_GET
@public_response_cache("summit-detail")
def summit_detail_view(request, pk: int):
    """A round: its question, phase, summary and approved contributions by phase."""
    summit = summit_round_get(pk=pk)
    shown = round_contributions(summit=summit)
    return render(
        request,
        "alliance/summits/summit_detail.html",
        {
            "summit": summit,
            "causes": [item for item in shown if item.phase == SummitPhase.CAUSES],
            "solutions": [item for item in shown if item.phase == SummitPhase.SOLUTIONS],
            "can_run": can_run_summits(request.user),
            "can_contribute": can_contribute(request.user),
        },
    )


class SummitOpenView(RoleRequiredMixin, View):
    """Analysts open a round on a practice issue."""

    required_roles = (Role.ANALYST,)
    template_name = "alliance/summits/summit_form.html"

    def get(self, request):
        initial = {"issue": request.GET.get("issue")} if request.GET.get("issue") else {}
        return render(request, self.template_name, {"form": SummitRoundForm(initial=initial)})

    def post(self, request):
        form = SummitRoundForm(request.POST)
        if form.is_valid():
            try:
                summit = summit_round_open(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Round opened. It asks practitioners for causes.")
                return redirect(summit)
        return render(request, self.template_name, {"form": form}, status=400)


class SummitSummaryView(RoleRequiredMixin, View):
    """Analysts write the round's summary, starting from a draft of its counts."""

    required_roles = (Role.ANALYST,)
    template_name = "alliance/summits/summary_form.html"

    def _render(self, request, summit, form, status=200):
        context = {"summit": summit, "form": form, "counts": round_summary_counts(summit=summit)}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        summit = summit_round_get(pk=pk)
        initial = summit.summary or round_summary_draft(summit=summit)
        return self._render(request, summit, SummaryForm(initial={"summary": initial}))

    def post(self, request, pk: int):
        summit = summit_round_get(pk=pk)
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summit_round_summarise(user=request.user, summit=summit, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Summary saved.")
                return redirect(summit)
        return self._render(request, summit, form, status=400)


class SummitAdvanceView(RoleRequiredMixin, View):
    """POST only: move the round on to its next phase."""

    required_roles = (Role.ANALYST,)
    http_method_names = ["post"]

    def post(self, request, pk: int):
        summit = summit_round_get(pk=pk)
        try:
            summit = summit_round_advance(user=request.user, summit=summit)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The round is now: {summit.get_phase_display()}.")
        return redirect(summit)


class ContributeView(LoginRequiredMixin, View):
    """A verified practitioner's contribution to a round's open phase."""

    template_name = "alliance/summits/contribution_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_contribute(request.user):
            unverified = awaits_verification(user=request.user)
            return render(
                request,
                "alliance/summits/not_practitioner.html",
                {"unverified": unverified},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, summit, form, status=200):
        context = {"summit": summit, "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        return self._render(request, summit_round_get(pk=pk), ContributionForm())

    def post(self, request, pk: int):
        summit = summit_round_get(pk=pk)
        form = ContributionForm(request.POST)
        if form.is_valid():
            try:
                contribution_create(user=request.user, summit=summit, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. Your contribution is waiting to be checked; it shows once "
                    "an analyst approves it.",
                )
                return redirect("alliance:summit-mine")
        return self._render(request, summit, form, status=400)


class MyContributionsView(LoginRequiredMixin, View):
    """Your contributions, each with its state (and why, if rejected)."""

    def get(self, request):
        return render(
            request,
            "alliance/summits/my_contributions.html",
            {"contributions": my_contributions(user=request.user)},
        )


class WithdrawView(LoginRequiredMixin, View):
    """POST only: its author takes a contribution back; it leaves every public page."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        contribution = contribution_get(user=request.user, pk=pk)
        if contribution.author_id != request.user.pk:
            raise Http404("No such contribution of yours")
        contribution_withdraw(user=request.user, contribution=contribution)
        messages.success(request, "Contribution withdrawn. It no longer shows anywhere.")
        return redirect("alliance:summit-mine")


class ReportView(View):
    """Anyone may report an approved contribution; it goes back to be checked."""

    template_name = "alliance/summits/report.html"

    def _render(self, request, contribution, form, status=200):
        context = {"contribution": contribution, "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        return self._render(request, _approved(request, pk), ReportForm())

    def post(self, request, pk: int):
        contribution = _approved(request, pk)
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                contribution_report(
                    contribution=contribution,
                    reporter_key=requester_key(request),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. The contribution is hidden until an analyst checks it again.",
                )
                return redirect(contribution.round)
        return self._render(request, contribution, form, status=400)


def _approved(request, pk: int):
    contribution = contribution_get(user=request.user, pk=pk)
    if contribution.status != ContributionStatus.APPROVED:
        raise Http404("Only contributions that are shown can be reported.")
    return contribution


class ModerationQueueView(RoleRequiredMixin, View):
    """Contributions waiting to be checked and those reported, with counts by state."""

    required_roles = (Role.ANALYST,)

    def get(self, request):
        status = request.GET.get("status", "")
        queue = moderation_queue(status=status)
        return render(
            request,
            "alliance/summits/moderation.html",
            {
                "queue": queue,
                "status": status if status in ContributionStatus.values else "",
                "statuses": ContributionStatus.choices,
            },
        )


class ApproveView(RoleRequiredMixin, View):
    required_roles = (Role.ANALYST,)
    http_method_names = ["post"]

    def post(self, request, pk: int):
        contribution = contribution_get(user=request.user, pk=pk)
        try:
            contribution_approve(user=request.user, contribution=contribution)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Contribution approved. It now shows publicly.")
        return redirect("alliance:summit-moderation")


class RejectView(RoleRequiredMixin, View):
    """Reject a contribution, saying why (its author sees the reason)."""

    required_roles = (Role.ANALYST,)
    template_name = "alliance/summits/reject_form.html"

    def get(self, request, pk: int):
        contribution = contribution_get(user=request.user, pk=pk)
        context = {"contribution": contribution, "form": RejectForm()}
        return render(request, self.template_name, context)

    def post(self, request, pk: int):
        contribution = contribution_get(user=request.user, pk=pk)
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                contribution_reject(
                    user=request.user, contribution=contribution, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Contribution rejected. Its author sees why.")
                return redirect("alliance:summit-moderation")
        context = {"contribution": contribution, "form": form}
        return render(request, self.template_name, context, status=400)
