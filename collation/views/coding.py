"""Coding a report: an analyst reads it page by page and links passages to issues."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin, is_administrator
from scr_platform.forms import add_service_errors

from ..forms import CodingForm
from ..models import Coding, PracticeIssue, Suggestion
from ..selectors import document_get
from ..selectors.reading import Mark, marked_paragraphs
from ..selectors.suggestions import page_suggestions, pages_with_suggestions
from ..services.coding import coding_create, coding_delete, coding_update
from ..services.suggestions import suggestion_accept, suggestion_reject


def _page_url(document, number: int) -> str:
    return reverse("collation:coding-page", args=[document.review_id, document.pk, number])


class CodingPageView(RoleRequiredMixin, View):
    """One page of a report beside the coding form, with the analyst's own codings on it."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/coding_page.html"

    def _context(self, request, pk, document_pk, number, form):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        page = get_object_or_404(document.pages, number=number)
        codings = list(
            Coding.objects.filter(document=document, page=number)
            .select_related("issue", "coder")
            .prefetch_related("causes")
        )
        suggestions = list(page_suggestions(document=document, page=number))
        marks = [
            Mark(
                c.excerpt,
                "own" if c.coder_id == request.user.pk else "other",
                f"coding-{c.pk}",
                f"{c.issue.code}, coded by {'you' if c.coder_id == request.user.pk else c.coder}",
            )
            for c in codings
        ] + [
            Mark(s.excerpt, "suggestion", f"passage-{s.pk}", f"suggested: {s.issue.code}")
            for s in suggestions
        ]
        return {
            "review": document.review,
            "document": document,
            "page": page,
            "page_html": marked_paragraphs(page.text, marks),
            "form": form,
            "codings": [c for c in codings if c.coder_id == request.user.pk],
            "others": [c for c in codings if c.coder_id != request.user.pk],
            "suggestions": suggestions,
            "suggestion_pages": pages_with_suggestions(document=document),
            "issues": PracticeIssue.objects.filter(retired_at__isnull=True),
            "has_previous": number > 1,
            "has_next": number < document.page_count,
        }

    def get(self, request, pk, document_pk, number):
        context = self._context(request, pk, document_pk, number, CodingForm())
        return render(request, self.template_name, context)

    def post(self, request, pk, document_pk, number):
        form = CodingForm(request.POST)
        context = self._context(request, pk, document_pk, number, form)
        if form.is_valid():
            try:
                coding_create(
                    user=request.user,
                    document=context["document"],
                    page=number,
                    excerpt=form.cleaned_data["excerpt"],
                    issue=form.cleaned_data["issue"],
                    causes=form.cleaned_data["causes"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Passage coded to {form.cleaned_data['issue'].code}.")
                return redirect(_page_url(context["document"], number))
        return render(request, self.template_name, context, status=400)


class CodingEditView(RoleRequiredMixin, View):
    """Change or remove one of your codings."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/coding_edit.html"

    def _coding(self, request, coding_pk):
        coding = get_object_or_404(
            Coding.objects.select_related("document__review", "issue"), pk=coding_pk
        )
        # Check the review is visible, and that the coding is the user's own.
        document_get(
            user=request.user, review_pk=coding.document.review_id, document_pk=coding.document_id
        )
        # Administrators hold the role (not necessarily Django's superuser flag).
        if coding.coder_id != request.user.pk and not is_administrator(request.user):
            raise PermissionDenied("Each analyst's codings are their own.")
        return coding

    def get(self, request, coding_pk):
        coding = self._coding(request, coding_pk)
        form = CodingForm(
            initial={
                "excerpt": coding.excerpt,
                "issue": coding.issue,
                "causes": list(coding.causes.all()),
                "note": coding.note,
            }
        )
        return render(request, self.template_name, {"coding": coding, "form": form})

    def post(self, request, coding_pk):
        coding = self._coding(request, coding_pk)
        back = _page_url(coding.document, coding.page)
        if "delete" in request.POST:
            coding_delete(user=request.user, coding=coding)
            messages.success(request, "Coding removed.")
            return redirect(back)
        form = CodingForm(request.POST)
        if form.is_valid():
            try:
                coding_update(
                    user=request.user,
                    coding=coding,
                    excerpt=form.cleaned_data["excerpt"],
                    issue=form.cleaned_data["issue"],
                    causes=form.cleaned_data["causes"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Coding saved.")
                return redirect(back)
        return render(request, self.template_name, {"coding": coding, "form": form}, status=400)


class SuggestionDecisionView(RoleRequiredMixin, View):
    """Accept a suggestion (as it is, or with another issue and causes), or reject it."""

    required_roles = (Role.ANALYST,)

    def post(self, request, suggestion_pk, decision):
        if decision not in ("accept", "reject"):
            raise Http404("No such decision")
        suggestion = get_object_or_404(
            Suggestion.objects.select_related("document", "issue"), pk=suggestion_pk
        )
        document = document_get(
            user=request.user,
            review_pk=suggestion.document.review_id,
            document_pk=suggestion.document_id,
        )
        back = _page_url(document, suggestion.page)
        try:
            if decision == "accept":
                issue, causes = _chosen(request, suggestion)
                coding = suggestion_accept(
                    user=request.user, suggestion=suggestion, issue=issue, causes=causes
                )
                messages.success(
                    request, f"Suggestion accepted: passage coded to {coding.issue.code}."
                )
            else:
                suggestion_reject(
                    user=request.user, suggestion=suggestion, reason=request.POST.get("reason", "")
                )
                messages.success(request, f"Suggestion of {suggestion.issue.code} rejected.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(back)


def _chosen(request, suggestion):
    """The issue and causes the analyst chose, if they changed the suggestion's."""
    code = request.POST.get("issue", "").strip()
    if not code or code == suggestion.issue.code:
        cause_ids = request.POST.getlist("causes")
        if not cause_ids:
            return None, None
        return suggestion.issue, list(suggestion.issue.causes.filter(pk__in=cause_ids))
    issue = PracticeIssue.objects.filter(code=code, retired_at__isnull=True).first()
    if issue is None:
        raise ValidationError(f"{code} is not a current practice issue.")
    return issue, list(issue.causes.filter(pk__in=request.POST.getlist("causes")))
