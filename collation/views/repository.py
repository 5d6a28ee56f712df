"""Repository pages: thin views over the selectors, rules and services."""

import copy
import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_GET, require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import Board
from scr_platform.accounts.permissions import has_role, is_administrator
from scr_platform.forms import add_service_errors
from scr_platform.reference import reference
from scr_platform.spreadsheet import csv_writer

from ..choices import DocumentStatus
from ..filtersets import ReviewFilterSet, SearchFilterSet
from ..forms import FlagClearForm, ReplaceForm, ReviewForm, UploadForm
from ..models import PersonalDataFlag
from ..rules import can_manage_review, can_register_review, can_see_personal_data_flags
from ..selectors import (
    document_get,
    page_search,
    published_review_list,
    review_documents,
    review_flags,
    review_get,
    review_list,
    review_recommendations,
)
from ..services.ingestion import DocumentRejected, document_ingest, document_replace
from ..services.reviews import (
    flag_clear,
    review_create,
    review_publication_blockers,
    review_publish,
    review_update,
)

PAGE_SIZE = 20


def _page_of(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class SignInToManage(Exception):
    """The public asked to manage a review it may see: sign in first (see ``ManageView``)."""


class ManageView(View):
    """A page that manages a review: the public is sent to sign in, as on every other page.

    Its lookups raise ``SignInToManage`` only once the review is known to be visible,
    so a draft stays a 404 for the public rather than being confirmed by a redirect.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SignInToManage:
            return redirect_to_login(request.get_full_path())


def _require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise SignInToManage


def _review_to_manage(request, pk: int, *, refusal: str):
    """A review the user may see (else 404) and manage (else sign in, or 403 with ``refusal``)."""
    review = review_get(user=request.user, pk=pk)
    _require_signed_in(request)
    if not can_manage_review(request.user, review):
        raise PermissionDenied(refusal)
    return review


def _filtered(filterset):
    """The filtered reviews; invalid filters show their errors and no results, not everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


# --- The repository ---------------------------------------------------------


@require_safe
def review_list_view(request):
    """The repository: reviews you may see, filtered on any field, with counts."""
    filterset = ReviewFilterSet(request.GET or None, queryset=review_list(user=request.user))
    page = _page_of(request, _filtered(filterset).order_by("-publication_date", "-pk"))
    return render(
        request,
        "collation/review_list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": _query_without_page(request),
            "can_register": can_register_review(request.user),
            # The public only ever sees published reviews: a status filter means nothing.
            "hidden_filters": [] if request.user.is_authenticated else ["status"],
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
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="serious-case-reviews.csv"'
    return response


@require_safe
def review_detail_view(request, pk):
    """A review: details, documents and their processing, recommendations, flags."""
    review = review_get(user=request.user, pk=pk)
    manage = can_manage_review(request.user, review)
    documents = review_documents(review=review)
    recommendations = list(review_recommendations(review=review))
    counts = reference()["recommendation_counts_rr157"]
    return render(
        request,
        "collation/review_detail.html",
        {
            "review": review,
            "documents": documents,
            "current_documents": [d for d in documents if d.is_current],
            "processing": any(
                d.is_current and d.status == DocumentStatus.PROCESSING for d in documents
            ),
            "recommendations": recommendations,
            "benchmark": counts,
            "can_manage": manage,
            "can_code": has_role(request.user, [Role.ANALYST]),
            "flags": review_flags(review=review)
            if can_see_personal_data_flags(request.user, review)
            else None,
            "blockers": review_publication_blockers(review=review)
            if manage and not review.is_published
            else [],
            "upload_form": UploadForm() if manage else None,
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
        return _review_to_manage(request, pk, refusal="You cannot change this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        form = ReviewForm(instance=review)
        return render(
            request,
            self.template_name,
            {"form": form, "review": review, "title": "Correct the review's details"},
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


class UploadView(ManageView):
    """Upload PDFs to a review (the form also sits on the review page)."""

    template_name = "collation/document_upload.html"

    def _review(self, request, pk):
        return _review_to_manage(request, pk, refusal="You cannot add documents to this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        return render(request, self.template_name, {"review": review, "form": UploadForm()})

    def post(self, request, pk):
        review = self._review(request, pk)
        form = UploadForm(request.POST, request.FILES)
        accepted, refused = [], []
        if form.is_valid():
            for upload in form.cleaned_data["files"]:
                try:
                    accepted.append(
                        document_ingest(
                            user=request.user,
                            review=review,
                            stream=upload,
                            filename=upload.name,
                            kind=form.cleaned_data["kind"],
                        )
                    )
                except DocumentRejected as rejection:
                    refused.append(f"{upload.name}: {rejection.message}")
            for message in refused:
                form.add_error("files", message)
            if not refused:
                names = ", ".join(d.original_filename for d in accepted)
                messages.success(request, f"Uploaded {names}. Processing has started.")
                return redirect(review)
        if accepted:
            messages.success(
                request,
                "Uploaded "
                + ", ".join(d.original_filename for d in accepted)
                + ". The other files were not uploaded.",
            )
        return render(request, self.template_name, {"review": review, "form": form}, status=400)


@require_safe
def document_progress_view(request, pk, document_pk):
    """The processing status of one document: a partial polled by htmx, or a page."""
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    if not request.htmx:
        return render(
            request,
            "collation/document_progress.html",
            {"document": document, "review": document.review},
        )
    response = render(
        request,
        "collation/includes/document_progress.html",
        {"document": document, "review": document.review},
    )
    if request.GET.get("watching") and document.job.is_finished:
        # The results (recommendations, flags) sit elsewhere on the page: reload it.
        response["HX-Refresh"] = "true"
    return response


def _pdf_filename(name: str) -> str:
    """The uploader's name for the file, always ending in .pdf: it is only ever a PDF.

    A PDF uploaded as ``report.html`` must not be saved by a browser as a web page.
    """
    if name.lower().endswith(".pdf"):
        return name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name).strip(" .") or "document"
    return f"{stem}.pdf"


@require_safe
def document_file_view(request, pk, document_pk):
    """The original PDF, for those who may see the review."""
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    # Shown in the browser's PDF viewer (inline), under a name that says what it is.
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=_pdf_filename(document.original_filename),
        as_attachment=False,
    )
    if not document.review.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def document_page_view(request, pk, document_pk, number):
    """One page of a document's extracted text, with links to the neighbours."""
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    page = get_object_or_404(document.pages, number=number)
    return render(
        request,
        "collation/document_page.html",
        {
            "review": document.review,
            "document": document,
            "page": page,
            "has_previous": number > 1,
            "has_next": number < document.page_count,
        },
    )


class ReplaceView(ManageView):
    """Upload a corrected copy of a document."""

    template_name = "collation/document_replace.html"

    def _document(self, request, pk, document_pk):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        _require_signed_in(request)
        if not can_manage_review(request.user, document.review):
            raise PermissionDenied("You cannot replace this document.")
        return document

    def get(self, request, pk, document_pk):
        document = self._document(request, pk, document_pk)
        return render(
            request,
            self.template_name,
            {"document": document, "review": document.review, "form": ReplaceForm()},
        )

    def post(self, request, pk, document_pk):
        document = self._document(request, pk, document_pk)
        form = ReplaceForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document_replace(
                    user=request.user, document=document, stream=upload, filename=upload.name
                )
            except DocumentRejected as rejection:
                form.add_error("file", rejection.message)
            else:
                messages.success(request, f"{document} has been replaced. Processing has started.")
                return redirect(document.review)
        return render(
            request,
            self.template_name,
            {"document": document, "review": document.review, "form": form},
            status=400,
        )


class FlagClearView(ManageView):
    """Mark one possible personal data item as not personal data, with a reason."""

    template_name = "collation/flag_clear.html"

    def _flag(self, request, pk, flag_pk):
        review = review_get(user=request.user, pk=pk)
        _require_signed_in(request)
        if not can_manage_review(request.user, review):
            raise PermissionDenied("You cannot clear personal data flags on this review.")
        return get_object_or_404(
            PersonalDataFlag.objects.select_related("document"), pk=flag_pk, document__review=review
        )

    def get(self, request, pk, flag_pk):
        flag = self._flag(request, pk, flag_pk)
        return render(
            request,
            self.template_name,
            {"flag": flag, "review": flag.document.review, "form": FlagClearForm()},
        )

    def post(self, request, pk, flag_pk):
        flag = self._flag(request, pk, flag_pk)
        form = FlagClearForm(request.POST)
        if form.is_valid():
            try:
                flag_clear(user=request.user, flag=flag, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"“{flag.text}” marked as not personal data.")
                return redirect(f"{flag.document.review.get_absolute_url()}#personal-data")
        return render(
            request,
            self.template_name,
            {"flag": flag, "review": flag.document.review, "form": form},
            status=400,
        )


class PublishView(ManageView):
    """Check and confirm publication."""

    template_name = "collation/review_publish.html"

    def _review(self, request, pk):
        return _review_to_manage(request, pk, refusal="You cannot publish this review.")

    def get(self, request, pk):
        review = self._review(request, pk)
        return render(
            request,
            self.template_name,
            {"review": review, "blockers": review_publication_blockers(review=review)},
        )

    def post(self, request, pk):
        review = self._review(request, pk)
        try:
            review_publish(user=request.user, review=review)
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"review": review, "blockers": error.messages},
                status=400,
            )
        messages.success(request, f"{review.title} is published. Anyone can now find it.")
        return redirect(review)


# --- Search -------------------------------------------------------------------


@require_safe
def search_view(request):
    """Search the text of published reports, with the repository's filters."""
    query = request.GET.get("q", "").strip()
    filterset = SearchFilterSet(request.GET or None, queryset=published_review_list())
    results = None
    page = None
    if query and (not filterset.is_bound or filterset.is_valid()):
        number = request.GET.get("page", "1")
        number = int(number) if number.isdigit() and int(number) > 0 else 1
        results = page_search(
            query=query, reviews=filterset.qs, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        page = Paginator(range(results.total), PAGE_SIZE).get_page(number)
    return render(
        request,
        "collation/search.html",
        {
            "query": query,
            "filter": filterset,
            "results": results,
            "page": page,
            "query_string": _query_without_page(request),
            # The search box is the page's own; search covers published reports only.
            "hidden_filters": ["q", "status"],
        },
    )
