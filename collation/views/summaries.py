"""A review's summary: an analyst drafts it from the codings, checks it and saves it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..forms import SummaryForm
from ..selectors import review_get
from ..services.summaries import summary_draft, summary_save

NOTHING_TO_DRAFT = (
    "There is nothing to draft from yet: this review has no verified codings and no "
    "recommendations were found in its documents. Write the summary yourself, or verify "
    "its codings first."
)


class SummaryEditView(RoleRequiredMixin, View):
    """Draft from the codings (shown, not saved), edit, and save."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/review_summary.html"

    def _render(self, request, review, form, *, draft=None, status=200):
        return render(
            request,
            self.template_name,
            {"review": review, "form": form, "draft": draft, "nothing_to_draft": NOTHING_TO_DRAFT},
            status=status,
        )

    def _drafted_form(self, request, review, current: str):
        draft = summary_draft(review=review)
        text = draft.text or current
        return SummaryForm(initial={"summary": text, "drafted": bool(draft.text)}), draft

    def get(self, request, pk):
        review = review_get(user=request.user, pk=pk)
        if review.summary:
            return self._render(request, review, SummaryForm(initial={"summary": review.summary}))
        # No summary yet: start from the draft, which the analyst checks before saving.
        form, draft = self._drafted_form(request, review, "")
        return self._render(request, review, form, draft=draft)

    def post(self, request, pk):
        review = review_get(user=request.user, pk=pk)
        if request.POST.get("action") == "draft":
            form, draft = self._drafted_form(request, review, request.POST.get("summary", ""))
            return self._render(request, review, form, draft=draft)
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summary_save(
                    user=request.user,
                    review=review,
                    text=form.cleaned_data["summary"],
                    drafted=form.cleaned_data["drafted"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The review's summary has been saved.")
                return redirect(review)
        return self._render(request, review, form, status=400)
