"""Document pages: upload, processing, the PDF (public copy or original), page text,
redacting a selection, the public copy's progress, replacing, deleting an original."""

import re

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from scr_platform.forms import add_service_errors

from ..forms import ReplaceForm, UploadForm
from ..models import RedactionJob
from ..personal_data_forms import RedactSelectionForm
from ..rules import can_delete_original, can_manage_review, can_see_original, can_view_document
from ..selectors import document_get
from ..services.ingestion import DocumentRejected, document_ingest, document_replace
from ..services.personal_data import document_original_delete, redaction_select
from .manage import ManageView, require_signed_in, review_to_manage


class UploadView(ManageView):
    """Upload PDFs to a review (the form also sits on the review page)."""

    template_name = "collation/document_upload.html"

    def _review(self, request, pk):
        return review_to_manage(request, pk, refusal="You cannot add documents to this review.")

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
                # Nothing said about processing: by the time the page shows, it may be done;
                # each document's status beside it says where it is.
                messages.success(
                    request, f"Uploaded {names}. Each document's status is shown below."
                )
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
    """The PDF: the public copy for everyone; the original for the board's managers.

    Managers see the original until the public copy exists, and ask for it by
    ``?version=original`` after that.
    """
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    wants_original = request.GET.get("version") == "original"
    may_see_original = can_see_original(request.user, document.review) and document.has_original
    if may_see_original and (wants_original or not document.public_copy):
        stored, private = document.file, True
    elif document.public_copy and not wants_original:
        stored, private = document.public_copy, not can_view_document(AnonymousUser(), document)
    else:
        raise Http404("No copy of this document can be shown")
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    # Shown in the browser's PDF viewer (inline), under a name that says what it is.
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=_pdf_filename(document.original_filename),
        as_attachment=False,
    )
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def document_page_view(request, pk, document_pk, number):
    """One page of a document's text, with links to the neighbours; managers can pick
    text on it to redact."""
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    page = get_object_or_404(document.pages, number=number)
    return render(request, "collation/document_page.html", _page_context(request, document, page))


def _page_context(request, document, page, form=None):
    redact = document.is_current and can_manage_review(request.user, document.review)
    return {
        "review": document.review,
        "document": document,
        "page": page,
        "has_previous": page.number > 1,
        "has_next": page.number < document.page_count,
        "redact_form": (form or RedactSelectionForm()) if redact else None,
    }


class RedactSelectionView(ManageView):
    """Redact text the detector missed: selected on the page, then made into a decision."""

    def post(self, request, pk, document_pk, number):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        require_signed_in(request)
        if not can_manage_review(request.user, document.review):
            raise PermissionDenied("You cannot redact text in this document.")
        page = get_object_or_404(document.pages, number=number)
        form = RedactSelectionForm(request.POST)
        if form.is_valid():
            try:
                flag = redaction_select(
                    user=request.user,
                    document=document,
                    page=number,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"“{flag.text[:80]}” will be redacted from page {number}. The public copy "
                    "is made again once every item is checked.",
                )
                return redirect(request.path.removesuffix("redact/"))
        context = _page_context(request, document, page, form)
        return render(request, "collation/document_page.html", context, status=400)


@require_safe
def public_copy_progress_view(request, pk, document_pk):
    """The making of a document's public copy: a partial polled by htmx."""
    document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
    if not can_manage_review(request.user, document.review):
        raise Http404("No such document")
    job = RedactionJob.objects.filter(document=document).first()
    response = render(
        request,
        "collation/includes/public_copy_progress.html",
        {"document": document, "job": job, "review": document.review},
    )
    if request.GET.get("watching") and (job is None or job.is_finished):
        response["HX-Refresh"] = "true"
    return response


class OriginalDeleteView(ManageView):
    """Administrators delete an original once its public copy carries every decision."""

    template_name = "collation/document_original_delete.html"

    def _document(self, request, pk, document_pk):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        require_signed_in(request)
        if not can_delete_original(request.user):
            raise PermissionDenied("Only administrators can delete an original.")
        return document

    def get(self, request, pk, document_pk):
        document = self._document(request, pk, document_pk)
        return render(
            request, self.template_name, {"document": document, "review": document.review}
        )

    def post(self, request, pk, document_pk):
        document = self._document(request, pk, document_pk)
        try:
            document_original_delete(user=request.user, document=document)
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"document": document, "review": document.review, "errors": error.messages},
                status=400,
            )
        messages.success(request, f"The original of {document} has been deleted.")
        return redirect(document.review)


class ReplaceView(ManageView):
    """Upload a corrected copy of a document."""

    template_name = "collation/document_replace.html"

    def _document(self, request, pk, document_pk):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        require_signed_in(request)
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
                messages.success(
                    request, f"{document} has been replaced. Its status is shown below."
                )
                return redirect(document.review)
        return render(
            request,
            self.template_name,
            {"document": document, "review": document.review, "form": form},
            status=400,
        )
