"""A board's own grid ("does this happen here?"), its local actions, and the outcomes of its
published reviews' recommendations. Signed in only; another board's records are a 404
until that board shares them (``visibility.local_learning_q``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from scr_platform.forms import add_service_errors

from ..local_forms import (
    LocalActionForm,
    LocalActionUpdateForm,
    LocalIssueForm,
    LocalSharingForm,
    OutcomeForm,
)
from ..local_rules import can_record_local_learning
from ..models import PracticeIssue
from ..selectors.local import (
    board_grid,
    board_is_shared,
    board_issue_detail,
    board_overdue_actions,
    board_published_reviews,
    local_action_get,
    local_board_get,
    outcome_review_get,
    review_outcomes,
    review_recommendation_get,
)
from ..services.local import (
    local_action_create,
    local_action_update,
    local_issue_record,
    local_sharing_set,
    outcome_record,
)

REFUSAL = "Only the board's managers record its local learning."


class _BoardView(LoginRequiredMixin, View):
    """The board named in the address, if the user sees its local learning (else 404)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self._board = None

    @property
    def board(self):
        if self._board is None:
            self._board = local_board_get(user=self.request.user, slug=self.kwargs["slug"])
        return self._board

    def recorder(self) -> bool:
        return can_record_local_learning(self.request.user, self.board)

    def require_recorder(self) -> None:
        if not self.recorder():
            raise PermissionDenied(REFUSAL)

    def issue(self) -> PracticeIssue:
        return get_object_or_404(
            PracticeIssue.objects.select_related("stage"), code=self.kwargs["code"]
        )

    def page(self, template: str, status: int = 200, **context):
        context |= {"board": self.board, "can_record": self.recorder()}
        return render(self.request, f"collation/local/{template}", context, status=status)


class GridView(_BoardView):
    def get(self, request, slug):
        return self.page(
            "grid.html",
            stages=board_grid(board=self.board),
            shared=board_is_shared(self.board),
            reviews=board_published_reviews(board=self.board),
            overdue=list(board_overdue_actions(board=self.board)),
        )


class SharingView(_BoardView):
    def get(self, request, slug):
        self.require_recorder()
        initial = {"shared": "yes" if board_is_shared(self.board) else "no"}
        return self.page("sharing.html", form=LocalSharingForm(initial=initial))

    def post(self, request, slug):
        self.require_recorder()
        form = LocalSharingForm(request.POST)
        if not form.is_valid():
            return self.page("sharing.html", form=form, status=400)
        sharing = local_sharing_set(user=request.user, board=self.board, **form.cleaned_data)
        messages.success(
            request,
            "The board's grid and outcomes are now shared"
            if sharing.shared
            else "The board's grid and outcomes are now private to the board",
        )
        return redirect("collation:local-grid", slug=slug)


class IssueView(_BoardView):
    def _render(self, form, status=200):
        issue = self.issue()
        entry, actions = board_issue_detail(board=self.board, issue=issue)
        if form is None and self.recorder():
            initial = {"status": entry.status, "evidence": entry.evidence} if entry else {}
            form = LocalIssueForm(initial=initial)
        return self.page(
            "issue.html", status=status, issue=issue, entry=entry, actions=actions, form=form
        )

    def get(self, request, slug, code):
        return self._render(None)

    def post(self, request, slug, code):
        self.require_recorder()
        form = LocalIssueForm(request.POST)
        if form.is_valid():
            try:
                local_issue_record(
                    user=request.user, board=self.board, issue=self.issue(), **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Your answer for {code} is saved")
                return redirect("collation:local-grid", slug=slug)
        return self._render(form, status=400)


class ActionCreateView(_BoardView):
    def get(self, request, slug, code):
        self.require_recorder()
        return self.page("action_form.html", issue=self.issue(), form=LocalActionForm())

    def post(self, request, slug, code):
        self.require_recorder()
        issue = self.issue()
        form = LocalActionForm(request.POST)
        if form.is_valid():
            try:
                action = local_action_create(
                    user=request.user, board=self.board, issue=issue, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Action “{action.title}” added")
                return redirect("collation:local-issue", slug=slug, code=code)
        return self.page("action_form.html", issue=issue, form=form, status=400)


class ActionView(_BoardView):
    def _render(self, form, status=200):
        action = local_action_get(board=self.board, pk=self.kwargs["action_pk"])
        if form is None and self.recorder():
            form = LocalActionUpdateForm(initial={"status": action.status})
        return self.page("action.html", status=status, action=action, form=form)

    def get(self, request, slug, action_pk):
        return self._render(None)

    def post(self, request, slug, action_pk):
        self.require_recorder()
        action = local_action_get(board=self.board, pk=action_pk)
        form = LocalActionUpdateForm(request.POST)
        if form.is_valid():
            try:
                local_action_update(user=request.user, action=action, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Update added")
                return redirect(action.get_absolute_url())
        return self._render(form, status=400)


class _OutcomesView(LoginRequiredMixin, View):
    def review(self):
        return outcome_review_get(user=self.request.user, pk=self.kwargs["pk"])


class OutcomesView(_OutcomesView):
    def get(self, request, pk):
        review = self.review()
        can_record = can_record_local_learning(request.user, review.board)
        rows = review_outcomes(review=review)
        context = {
            "review": review,
            "rows": rows,
            "overdue": [row for row in rows if row.is_overdue],
            "can_record": can_record,
        }
        return render(request, "collation/local/outcomes.html", context)


class OutcomeRecordView(_OutcomesView):
    def _recommendation(self):
        review = self.review()
        if not can_record_local_learning(self.request.user, review.board):
            raise PermissionDenied(REFUSAL)
        return review, review_recommendation_get(review=review, pk=self.kwargs["recommendation_pk"])

    def _render(self, review, recommendation, form, status=200):
        context = {"review": review, "recommendation": recommendation, "form": form}
        return render(self.request, "collation/local/outcome_form.html", context, status=status)

    def get(self, request, pk, recommendation_pk):
        review, recommendation = self._recommendation()
        return self._render(review, recommendation, OutcomeForm())

    def post(self, request, pk, recommendation_pk):
        review, recommendation = self._recommendation()
        form = OutcomeForm(request.POST)
        if form.is_valid():
            try:
                outcome_record(
                    user=request.user, recommendation=recommendation, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Outcome of recommendation {recommendation.number} recorded"
                )
                return redirect(reverse("collation:recommendation-outcomes", args=[review.pk]))
        return self._render(review, recommendation, form, status=400)
