"""Keeping the taxonomy: analysts add and change stages, practice issues and causes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..forms import IssueForm, StageForm
from ..models import PracticeIssue, Stage
from ..services.taxonomy import issue_retire, issue_save, stage_save


class TaxonomyView(RoleRequiredMixin, View):
    """Every stage and issue, current and retired, with links to change them."""

    required_roles = (Role.ANALYST,)

    def get(self, request):
        stages = Stage.objects.prefetch_related("issues__causes")
        return render(request, "collation/taxonomy.html", {"stages": stages})


class StageEditView(RoleRequiredMixin, View):
    required_roles = (Role.ANALYST,)
    template_name = "collation/taxonomy_form.html"

    def get(self, request, code=None):
        stage = get_object_or_404(Stage, code=code) if code else None
        initial = {"code": stage.code, "title": stage.title} if stage else {}
        return render(request, self.template_name, self._context(StageForm(initial=initial), stage))

    def post(self, request, code=None):
        stage = get_object_or_404(Stage, code=code) if code else None
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                saved = stage_save(user=request.user, stage=stage, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Stage {saved.code} saved.")
                return redirect(reverse("collation:taxonomy"))
        return render(request, self.template_name, self._context(form, stage), status=400)

    def _context(self, form, stage):
        title = f"Change stage {stage.code}" if stage else "Add a stage"
        return {"form": form, "title": title}


class IssueEditView(RoleRequiredMixin, View):
    required_roles = (Role.ANALYST,)
    template_name = "collation/taxonomy_form.html"

    def _issue(self, code):
        return get_object_or_404(PracticeIssue, code=code) if code else None

    def get(self, request, code=None):
        issue = self._issue(code)
        initial = {}
        if issue:
            current = issue.causes.filter(retired_at__isnull=True)
            initial = {
                "stage": issue.stage,
                "code": issue.code,
                "title": issue.title,
                "why_unclear": issue.why_unclear,
                "causes": "\n".join(cause.text for cause in current),
            }
        return render(request, self.template_name, self._context(IssueForm(initial=initial), issue))

    def post(self, request, code=None):
        issue = self._issue(code)
        if issue and "retire" in request.POST:
            issue_retire(user=request.user, issue=issue, retire=not issue.is_retired)
            state = "retired" if issue.is_retired else "brought back"
            messages.success(request, f"{issue.code} {state}.")
            return redirect(reverse("collation:taxonomy"))
        form = IssueForm(request.POST)
        if form.is_valid():
            try:
                saved = issue_save(
                    user=request.user,
                    issue=issue,
                    code=form.cleaned_data["code"],
                    stage=form.cleaned_data["stage"],
                    title=form.cleaned_data["title"],
                    why_unclear=form.cleaned_data["why_unclear"],
                    causes=form.cause_lines(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{saved.code} saved.")
                return redirect(reverse("collation:taxonomy"))
        return render(request, self.template_name, self._context(form, issue), status=400)

    def _context(self, form, issue):
        title = f"Change {issue.code}" if issue else "Add a practice issue"
        return {"form": form, "title": title, "issue": issue}
