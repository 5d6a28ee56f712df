"""Review pages: the repository list and its export, a review, registering, correcting,
publishing and withdrawing it. Thin views over the selectors, rules and services."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_GET, require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board
from scr_platform.accounts.permissions import has_role, is_administrator
from scr_platform.facets import facets_label
from scr_platform.forms import add_service_errors
from scr_platform.fragments import render_page_or_fragment
from scr_platform.reference import reference
from scr_platform.spreadsheet import csv_writer

from ..choices import DocumentStatus
from ..filtersets import ReviewFilterSet
from ..forms import ReviewForm, UploadForm
from ..local_rules import can_view_local_learning
from ..personal_data_forms import WithdrawForm
from ..rules import (
    can_delete_original,
    can_edit_summary,
    can_manage_review,
    can_register_review,
    can_see_original,
    can_see_personal_data_flags,
)
from ..selectors import (
    review_documents,
    review_get,
    review_is_being_checked,
    review_list,
    review_recommendations,
)
from ..selectors.demo import review_practice_issues
from ..selectors.facets import review_facet_counts
from ..selectors.metadata import review_form_proposals
from ..selectors.personal_data import review_check_progress
from ..selectors.publication import review_publication_blockers
from ..selectors.recommendation_duplicates import review_duplicate_warnings
from ..selectors.recurrence import recurrences
from ..services.reviews import (
    review_create,
    review_publish,
    review_update,
    review_withdraw,
)
from .manage import ManageView, review_to_manage

PAGE_SIZE = 20


def page_of(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filtered(filterset):
    """The filtered reviews; invalid filters show their errors and no results, not everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


@require_safe
def review_list_view(request):
    """The repository: reviews you may see, filtered on any field, with counts.

    A filter changed with JavaScript on asks for the results region only (htmx).
    """
    reviews = review_list(user=request.user)
    filterset = ReviewFilterSet(request.GET or None, queryset=reviews)
    page = page_of(request, _filtered(filterset).order_by("-publication_date", "-pk"))
    # The public only ever sees published reviews: a status filter means nothing.
    hidden_filters = [] if request.user.is_authenticated else ["status"]
    counts = review_facet_counts(ReviewFilterSet, request.GET, reviews, leave_out=hidden_filters)
    facets_label(filterset.form, counts)
    return render_page_or_fragment(
        request,
        "collation/review_list.html",
        "collation/includes/review_list_results.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query_without_page(request),
            "can_register": can_register_review(request.user),
            "hidden_filters": hidden_filters,
        },
    )


EXPORT_COLUMNS = (
    "id",
    "board",
    "region",
    "reference",
    "title",
    "status",
    "publication_date",
    "incident",
    "child_age_band",
    "child_sex",
    "abuse_categories",
    "agencies",
    "review_model",
    "lead_reviewer",
    "synthetic_demo_data",
)


class _Echo:
    def write(self, value):
        return value


@require_GET
def review_export_view(request):
    """The repository list, as filtered, as CSV (only what this user may see)."""
    filterset = ReviewFilterSet(request.GET or None, queryset=review_list(user=request.user))
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse("Check the filters: " + filterset.errors.as_text(), status=400)
    reviews = filterset.qs.order_by("-publication_date", "pk")
    writer = csv_writer(_Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for review in reviews.iterator(chunk_size=500):
            yield writer.writerow(
                [
                    review.pk,
                    review.board.name,
                    review.board.get_region_display(),
                    review.reference,
                    review.title,
                    review.get_status_display(),
                    review.publication_date or "",
                    review.get_incident_display(),
                    review.get_child_age_band_display(),
                    review.get_child_sex_display(),
                    "; ".join(str(c) for c in review.abuse_categories.all()),
                    "; ".join(a.name for a in review.agencies.all()),
                    review.get_review_model_display(),
                    review.lead_reviewer_name,
                    "yes" if review.is_synthetic else "no",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="serious-case-reviews.csv"'
    return response


@require_safe
def review_detail_view(request, pk):
    """A review: details, documents and their processing, recommendations, personal data."""
    review = review_get(user=request.user, pk=pk)
    manage = can_manage_review(request.user, review)
    documents = review_documents(user=request.user, review=review)
    return render(
        request,
        "collation/review_detail.html",
        {
            "review": review,
            "documents": documents,
            "current_documents": [d for d in documents if d.is_current],
            "being_checked": review.is_published and review_is_being_checked(review=review),
            "processing": any(
                d.is_current and d.status == DocumentStatus.PROCESSING for d in documents
            ),
            "recommendations": list(review_recommendations(user=request.user, review=review)),
            "benchmark": reference()["recommendation_counts_rr157"],
            "can_manage": manage,
            "can_delete_original": can_delete_original(request.user),
            "can_see_originals": can_see_original(request.user, review),
            "can_code": has_role(request.user, [Role.ANALYST]),
            "can_edit_summary": can_edit_summary(request.user),
            "check_progress": review_check_progress(review=review)
            if can_see_personal_data_flags(request.user, review)
            else None,
            "blockers": review_publication_blockers(review=review)
            if manage and not review.is_published
            else [],
            "upload_form": UploadForm() if manage else None,
            "practice_issues": review_practice_issues(review=review) if review.is_synthetic else (),
            "recurrences": [item.sentence_for(review) for item in recurrences(review=review)]
            if review.is_published
            else (),
            "can_see_outcomes": review.is_published
            and can_view_local_learning(request.user, review.board),
        },
    )


class ReviewCreateView(View):
    """Register a review: LSCB managers for their board, administrators for any."""

    template_name = "collation/review_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if not can_register_review(request.user):
            raise PermissionDenied("Only LSCB managers and administrators can register reviews.")
        return super().dispatch(request, *args, **kwargs)

    def _board(self, request):
        if is_administrator(request.user) and request.user.board_id is None:
            slug = request.POST.get("board") or request.GET.get("board")
            return Board.objects.filter(slug=slug).first() if slug else None
        return request.user.board

    def get(self, request):
        return render(request, self.template_name, self._context(request, ReviewForm()))

    def post(self, request):
        form = ReviewForm(request.POST)
        board = self._board(request)
        if board is None:
            form.add_error(None, "Choose the board the review belongs to.")
        if form.is_valid() and board is not None:
            data = dict(form.cleaned_data)
            try:
                review = review_create(user=request.user, board=board, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Review {review.reference} registered. Now upload its documents."
                )
                return redirect(review)
        return render(request, self.template_name, self._context(request, form), status=400)

    def _context(self, request, form):
        choose_board = is_administrator(request.user) and request.user.board_id is None
        return {
            "form": form,
            "boards": Board.objects.all() if choose_board else None,
            "selected_board": request.POST.get("board", ""),
            "title": "Register a review",
        }


class ReviewEditView(ManageView):
    """Correct a review's details."""

    template_name = "collation/review_form.html"

    def _review(self, request, pk):
        return review_to_manage(request, pk, refusal="You cannot change this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        initial, proposals = review_form_proposals(review=review)
        form = ReviewForm(instance=review, initial=initial)
        for name, proposal in proposals.items():
            # Proposals are hints the manager checks: nothing is saved until they do.
            found = f"Found in the report, page {proposal.page}: check."
            field = form.fields[name]
            field.help_text = f"{field.help_text} {found}".strip()
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "review": review,
                "title": "Correct the review's details",
                "proposed": sorted(initial),
            },
        )

    def post(self, request, pk):
        review = self._review(request, pk)
        # The form validates against a copy, so a refused change leaves the review untouched.
        form = ReviewForm(request.POST, instance=copy.copy(review))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                review_update(user=request.user, review=review, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The review's details have been saved.")
                return redirect(review)
        return render(
            request,
            self.template_name,
            {"form": form, "review": review, "title": "Correct the review's details"},
            status=400,
        )


class PublishView(ManageView):
    """Check and confirm publication."""

    template_name = "collation/review_publish.html"

    def _review(self, request, pk):
        return review_to_manage(request, pk, refusal="You cannot publish this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        return render(
            request,
            self.template_name,
            self._context(review, review_publication_blockers(review=review)),
        )

    def _context(self, review, blockers):
        # Repeated recommendations are shown, never block: the board may mean to repeat one.
        return {
            "review": review,
            "blockers": blockers,
            "duplicate_warnings": review_duplicate_warnings(review=review),
        }

    def post(self, request, pk):
        review = self._review(request, pk)
        try:
            review_publish(user=request.user, review=review)
        except ValidationError as error:
            return render(
                request, self.template_name, self._context(review, error.messages), status=400
            )
        messages.success(request, f"{review.title} is published. Anyone can now find it.")
        return redirect(review)


class WithdrawView(ManageView):
    """Take a published review back from the public, giving the reason."""

    template_name = "collation/review_withdraw.html"

    def _review(self, request, pk):
        return review_to_manage(request, pk, refusal="You cannot withdraw this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        return render(request, self.template_name, {"review": review, "form": WithdrawForm()})

    def post(self, request, pk):
        review = self._review(request, pk)
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                review_withdraw(
                    user=request.user, review=review, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"{review.title} is withdrawn. The public can no longer see it."
                )
                return redirect(review)
        return render(request, self.template_name, {"review": review, "form": form}, status=400)
