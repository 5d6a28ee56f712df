"""Verifying codings: what waits for a second analyst, a review's codings to verify,
settling disagreements, and how analysts agree over time."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..choices import CodingVerification
from ..models import Coding
from ..selectors import review_get
from ..selectors.verification import (
    analyst_agreement,
    calibration,
    codings_to_verify,
    disagreements_to_resolve,
    review_codings,
    reviews_to_verify,
)
from ..services.verification import coding_resolve, coding_verify
from ..verification_forms import ResolveForm, VerifyForm


class WorkView(RoleRequiredMixin, View):
    """An analyst's verification work: reviews to verify and disagreements to settle."""

    required_roles = (Role.ANALYST,)

    def get(self, request):
        return render(
            request,
            "collation/verification_work.html",
            {
                "reviews": reviews_to_verify(user=request.user),
                "disagreements": disagreements_to_resolve(user=request.user),
            },
        )


class ReviewVerifyView(RoleRequiredMixin, View):
    """A review's codings: agree or disagree with each one another analyst made."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/verification_review.html"

    def _context(self, request, review, failed=None, form=None):
        return {
            "review": review,
            "to_verify": codings_to_verify(user=request.user, review=review),
            "codings": review_codings(review=review),
            "failed": failed,
            "form": form or VerifyForm(),
            "blank_form": VerifyForm(),
        }

    def get(self, request, pk):
        review = review_get(user=request.user, pk=pk)
        return render(request, self.template_name, self._context(request, review))

    def post(self, request, pk):
        review = review_get(user=request.user, pk=pk)
        chosen = request.POST.get("coding", "")
        coding = (
            codings_to_verify(user=request.user, review=review).filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        if coding is None:
            messages.error(request, "Choose a coding of this review that waits for you.")
            return render(request, self.template_name, self._context(request, review), status=400)
        form = VerifyForm(request.POST)
        if form.is_valid():
            try:
                coding_verify(
                    user=request.user,
                    coding=coding,
                    agrees=form.cleaned_data["verdict"] == "agree",
                    reason=form.cleaned_data["reason"],
                    proposed_issue=form.cleaned_data["proposed_issue"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                verdict = (
                    "agreed with" if form.cleaned_data["verdict"] == "agree" else "disagreed with"
                )
                messages.success(
                    request, f"You {verdict} the {coding.issue.code} coding on page {coding.page}."
                )
                return redirect(reverse("collation:verify-review", args=[review.pk]) + "#to-verify")
        context = self._context(request, review, failed=coding.pk, form=form)
        return render(request, self.template_name, context, status=400)


class ResolveView(RoleRequiredMixin, View):
    """Settle a disagreement: keep, change as proposed, or remove, saying why."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/verification_resolve.html"

    def _coding(self, request, coding_pk):
        coding = get_object_or_404(
            Coding.objects.select_related("document__review", "issue", "proposed_issue"),
            pk=coding_pk,
        )
        review_get(user=request.user, pk=coding.document.review_id)
        if coding.verification != CodingVerification.DISAGREED:
            raise PermissionDenied("This coding has no disagreement to resolve.")
        return coding

    def get(self, request, coding_pk):
        coding = self._coding(request, coding_pk)
        return render(request, self.template_name, {"coding": coding, "form": ResolveForm()})

    def post(self, request, coding_pk):
        coding = self._coding(request, coding_pk)
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                coding_resolve(user=request.user, coding=coding, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The disagreement is resolved and recorded.")
                return redirect("collation:verification")
        return render(request, self.template_name, {"coding": coding, "form": form}, status=400)


class CalibrationView(RoleRequiredMixin, View):
    """How often each analyst's codings are agreed, and kappa per pair of coders by quarter."""

    required_roles = (Role.ANALYST,)

    def get(self, request):
        rows = calibration()
        return render(
            request,
            "collation/calibration.html",
            {"rows": rows, "analysts": analyst_agreement(rows)},
        )
