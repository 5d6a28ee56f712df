"""Coding a report: an analyst reads it page by page and links passages to issues."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin, is_administrator
from scr_platform.forms import add_service_errors

from ..forms import CodingForm
from ..models import Coding
from ..selectors import document_get
from ..services.coding import coding_create, coding_delete, coding_update


def _page_url(document, number: int) -> str:
    return reverse("collation:coding-page", args=[document.review_id, document.pk, number])


class CodingPageView(RoleRequiredMixin, View):
    """One page of a report beside the coding form, with the analyst's own codings on it."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/coding_page.html"

    def _context(self, request, pk, document_pk, number, form):
        document = document_get(user=request.user, review_pk=pk, document_pk=document_pk)
        page = get_object_or_404(document.pages, number=number)
        mine = (
            Coding.objects.filter(document=document, page=number, coder=request.user)
            .select_related("issue")
            .prefetch_related("causes")
        )
        return {
            "review": document.review,
            "document": document,
            "page": page,
            "form": form,
            "codings": mine,
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
