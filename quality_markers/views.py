"""Quality Markers: pages; permissions in rules, reads in selectors, writes in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board
from scr_platform.accounts.permissions import has_role
from scr_platform.disclosure import hidden_reason
from scr_platform.forms import add_service_errors

from .choices import Audience
from .forms import AssessmentStartForm, FeedbackForm, RatingForm, SharingForm
from .models import Marker
from .rules import can_change_sharing, can_edit_assessment, can_view_board_summary
from .selectors import (
    assessment_get,
    assessment_list,
    assessment_marker_get,
    assessment_markers,
    assessment_totals,
    assessments_compare,
    board_shares,
    board_summary,
    framework_current,
    markers_by_stage,
    national_summary,
    point_stage,
    reviews_to_assess,
)
from .services import (
    assessment_start,
    assessment_submit,
    board_sharing_set,
    marker_feedback_create,
    rating_save,
)

ASSESSING_ROLES = (Role.LSCB_MANAGER, Role.LEAD_REVIEWER)


@require_safe
def framework_view(request):
    """The current Quality Markers, by stage; optionally those for one audience."""
    framework = framework_current()
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    stages = markers_by_stage(framework=framework, audience=audience) if framework else []
    return render(
        request,
        "quality_markers/framework_detail.html",
        {
            "framework": framework,
            "stages": stages,
            "audiences": Audience.choices,
            "audience": audience,
            "can_assess": has_role(request.user, ASSESSING_ROLES),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def marker_feedback_view(request, pk):
    marker = get_object_or_404(Marker.objects.select_related("framework"), pk=pk)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            marker_feedback_create(user=request.user, marker=marker, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Thank you: your feedback on “{marker.title}” was sent.")
            return redirect("quality_markers:framework")
    return render(request, "quality_markers/marker_feedback.html", {"marker": marker, "form": form})


def _require_assessing_role(request):
    if not has_role(request.user, ASSESSING_ROLES):
        raise PermissionDenied(
            "Quality Marker assessments are for lead reviewers and board managers."
        )


@login_required
@require_safe
def assessment_list_view(request):
    _require_assessing_role(request)
    assessments = assessment_list(user=request.user).order_by("review__reference", "created_at")
    board_id = request.user.board_id if has_role(request.user, [Role.LSCB_MANAGER]) else None
    return render(
        request,
        "quality_markers/assessment_list.html",
        {"assessments": assessments, "board_id": board_id},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start_view(request):
    _require_assessing_role(request)
    reviews = reviews_to_assess(user=request.user)
    initial = {"audience": _default_audience(request.user), "review": request.GET.get("review")}
    form = AssessmentStartForm(
        request.POST if request.method == "POST" else None, reviews=reviews, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_start(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quality_markers:assessment", pk=assessment.pk)
    return render(
        request,
        "quality_markers/assessment_start.html",
        {"form": form, "has_reviews": reviews.exists()},
    )


def _default_audience(user) -> str:
    if has_role(user, [Role.LEAD_REVIEWER]) and not user.board_id:
        return Audience.LEAD_REVIEWER
    return Audience.BOARD_MANAGER


@login_required
@require_safe
def assessment_view(request, pk):
    """The task list: each marker and whether it is answered; the rest on request."""
    assessment = assessment_get(user=request.user, pk=pk)
    return render(
        request,
        "quality_markers/assessment_detail.html",
        {
            "assessment": assessment,
            "markers": assessment_markers(assessment=assessment),
            "stage": point_stage(assessment.point),
            "show_all": request.GET.get("all") == "1",
            "can_edit": can_edit_assessment(request.user, assessment),
            "others": assessment_list(user=request.user)
            .filter(review=assessment.review)
            .exclude(pk=assessment.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rating_edit_view(request, pk, number):
    assessment = assessment_get(user=request.user, pk=pk)
    if not can_edit_assessment(request.user, assessment):
        raise PermissionDenied("Only its author can change an assessment, and only as a draft.")
    marker = assessment_marker_get(assessment=assessment, number=number)
    existing = assessment.ratings.filter(marker=marker).first()
    form = RatingForm(request.POST if request.method == "POST" else None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            rating_save(
                user=request.user, assessment=assessment, marker=marker, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "later" in request.POST:
                messages.success(request, "Your answers are saved. Come back to them at any time.")
                return redirect("quality_markers:assessment", pk=assessment.pk)
            return redirect(_next_step(assessment, after=marker.number))
    return render(
        request,
        "quality_markers/rating_form.html",
        {"assessment": assessment, "marker": marker, "form": form},
    )


def _next_step(assessment, *, after: int) -> str:
    """The next unanswered marker of those shown first, then the check page."""
    markers = assessment_markers(assessment=assessment)
    for row in markers.first:
        if row.rating is None and row.marker.number != after:
            return reverse(
                "quality_markers:rating", kwargs={"pk": assessment.pk, "number": row.marker.number}
            )
    return reverse("quality_markers:assessment-submit", kwargs={"pk": assessment.pk})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_submit_view(request, pk):
    """Check your answers, then submit."""
    assessment = assessment_get(user=request.user, pk=pk)
    if not can_edit_assessment(request.user, assessment):
        raise PermissionDenied("Only its author can submit an assessment, and only once.")
    errors = []
    if request.method == "POST":
        try:
            assessment_submit(user=request.user, assessment=assessment)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, "Assessment submitted.")
            return redirect("quality_markers:assessment-summary", pk=assessment.pk)
    return render(
        request,
        "quality_markers/assessment_check.html",
        {
            "assessment": assessment,
            "markers": assessment_markers(assessment=assessment),
            "errors": errors,
        },
    )


@login_required
@require_safe
def assessment_summary_view(request, pk):
    """One page for the record or to print."""
    assessment = assessment_get(user=request.user, pk=pk)
    return render(
        request,
        "quality_markers/assessment_summary.html",
        {
            "assessment": assessment,
            "markers": assessment_markers(assessment=assessment),
            "totals": assessment_totals(assessment=assessment),
        },
    )


@login_required
@require_safe
def assessment_compare_view(request):
    """Two points of the same review side by side."""
    try:
        left = assessment_get(user=request.user, pk=int(request.GET.get("left", "")))
        right = assessment_get(user=request.user, pk=int(request.GET.get("right", "")))
    except ValueError:
        raise Http404("Choose two assessments to compare.") from None
    if left.review_id != right.review_id:
        messages.error(request, "You can only compare assessments of the same review.")
        return redirect("quality_markers:assessment", pk=left.pk)
    if left.created_at > right.created_at:
        left, right = right, left
    return render(
        request,
        "quality_markers/assessment_compare.html",
        {"left": left, "right": right, "rows": assessments_compare(left=left, right=right)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_summary_view(request, board_id):
    board = get_object_or_404(Board, pk=board_id)
    if not can_view_board_summary(request.user, board.pk):
        raise PermissionDenied("Only the board's managers can see its summary.")
    shares = board_shares(board_id=board.pk)
    form = SharingForm(
        request.POST if request.method == "POST" else None,
        initial={"shares_nationally": "yes" if shares else "no"},
    )
    if request.method == "POST" and form.is_valid():
        if not can_change_sharing(request.user, board.pk):
            raise PermissionDenied("Only the board's managers can change what it shares.")
        choice = form.cleaned_data["shares_nationally"]
        board_sharing_set(user=request.user, board=board, shares_nationally=choice)
        messages.success(
            request,
            "Your board's submitted assessments now count in the national summary."
            if choice
            else "Your board's assessments are no longer counted in the national summary.",
        )
        return redirect("quality_markers:board", board_id=board.pk)
    return render(
        request,
        "quality_markers/board_summary.html",
        {
            "board": board,
            "summary": board_summary(board_id=board.pk),
            "form": form,
            "shares": shares,
        },
    )


@require_safe
def national_summary_view(request):
    return render(
        request,
        "quality_markers/national_summary.html",
        {"summary": national_summary(), "hidden_reason": hidden_reason()},
    )
