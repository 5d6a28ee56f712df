"""A briefing's versions for each audience, and a practice issue's training pack.

Each is a page, the same page as a PDF (``printing.pdf_response``: Chromium
prints this page's own HTML) and, for analysts, a form. Drafts (a draft
briefing's versions, a draft pack) are seen by analysts only: everyone else is
told the page is not there, and gets no PDF of it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..charts import share_chart_svg
from ..learning_forms import BriefingAudienceForm, TrainingPackForm
from ..models import Audience, Briefing, BriefingAudience, PracticeIssue, TrainingPack
from ..printing import pdf_response
from ..selectors.learning import (
    audience_parts,
    briefing_for,
    pack_for,
    sees_learning_drafts,
    training_pack_content,
)
from ..selectors.trends import briefing_figures
from ..services.learning import (
    briefing_audience_delete,
    briefing_audience_save,
    training_pack_publish,
    training_pack_save,
)

# --- A briefing for one audience -------------------------------------------------


def _audience_context(request, slug: str, audience: str) -> dict:
    briefing = briefing_for(request.user, slug)
    if briefing is None:
        raise Http404("No such briefing")
    part = briefing.audience_parts.filter(audience=audience).first()
    if part is None:
        raise Http404("This briefing has no version for that audience")
    period, figures, excerpts = briefing_figures(briefing=briefing)
    return {
        "briefing": briefing,
        "part": part,
        "parts": audience_parts(briefing),
        "period": period,
        "figures": figures,
        "excerpts": excerpts,
        "can_write": sees_learning_drafts(request.user),
    }


@require_safe
def briefing_audience_view(request, slug: str, audience: str):
    context = _audience_context(request, slug, audience)
    return render(request, "collation/briefing_audience.html", context)


@require_safe
def briefing_audience_pdf_view(request, slug: str, audience: str):
    briefing = briefing_for(request.user, slug)
    part = briefing and briefing.audience_parts.filter(audience=audience).first()
    if part is None:
        raise Http404("No such version of a briefing")
    return pdf_response(
        request,
        template="collation/briefing_audience.html",
        context_for=lambda reader: _audience_context(reader, slug, audience),
        filename=f"{briefing.slug}-{audience}.pdf",
        public=briefing.status == Briefing.Status.PUBLISHED,
        page_url=part.get_absolute_url(),
    )


class BriefingAudienceEditView(RoleRequiredMixin, View):
    """Write, change or remove one audience's version of a briefing (analysts)."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/briefing_audience_form.html"

    def _objects(self, slug, audience):
        briefing = get_object_or_404(Briefing, slug=slug)
        part = BriefingAudience.objects.filter(briefing=briefing, audience=audience).first()
        return briefing, part

    def _render(self, request, form, briefing, part, audience, status=200):
        context = {
            "form": form,
            "briefing": briefing,
            "part": part,
            "audience_label": Audience(audience).label,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug, audience):
        briefing, part = self._objects(slug, audience)
        initial = {"what_to_do": part.what_to_do, "questions": part.questions} if part else {}
        return self._render(
            request, BriefingAudienceForm(initial=initial), briefing, part, audience
        )

    def post(self, request, slug, audience):
        briefing, part = self._objects(slug, audience)
        if "remove" in request.POST and part is not None:
            briefing_audience_delete(user=request.user, part=part)
            messages.success(
                request, f"The version for {Audience(audience).label.lower()} was removed."
            )
            return redirect(briefing)
        form = BriefingAudienceForm(request.POST)
        if form.is_valid():
            try:
                part = briefing_audience_save(
                    user=request.user, briefing=briefing, audience=audience, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Version saved.")
                return redirect(part)
        return self._render(request, form, briefing, part, audience, status=400)


# --- A practice issue's training pack --------------------------------------------


def _issue(code: str) -> PracticeIssue:
    return get_object_or_404(PracticeIssue.objects.select_related("stage"), code__iexact=code)


def _pack_context(request, code: str) -> dict:
    issue = _issue(code)
    pack = pack_for(request.user, issue)
    if pack is None:
        raise Http404("There is no training pack on this issue yet")
    content = training_pack_content(pack, request)
    chart = share_chart_svg(
        by_year=content.detail.by_year,
        chart_id="pack-chart",
        title=f"Share of published reviews showing {issue.code}, by year",
        table_id="pack-by-year",
    )
    return {
        "issue": issue,
        "pack": pack,
        "content": content,
        "chart": chart,
        "can_write": sees_learning_drafts(request.user),
    }


@require_safe
def training_pack_view(request, code: str):
    return render(request, "collation/training_pack.html", _pack_context(request, code))


@require_safe
def training_pack_pdf_view(request, code: str):
    pack = pack_for(request.user, _issue(code))
    if pack is None:
        raise Http404("There is no training pack on this issue yet")
    return pdf_response(
        request,
        template="collation/training_pack.html",
        context_for=lambda reader: _pack_context(reader, code),
        filename=f"training-pack-{pack.issue.code}.pdf",
        public=pack.status == TrainingPack.Status.PUBLISHED,
        page_url=pack.get_absolute_url(),
    )


class TrainingPackEditView(RoleRequiredMixin, View):
    """Curate an issue's training pack: the vignette's excerpts, questions, notes (analysts)."""

    required_roles = (Role.ANALYST,)
    template_name = "collation/training_pack_form.html"

    def _render(self, request, form, issue, pack, status=200):
        context = {"form": form, "issue": issue, "pack": pack}
        return render(request, self.template_name, context, status=status)

    def get(self, request, code):
        issue = _issue(code)
        pack = TrainingPack.objects.filter(issue=issue).first()
        initial = {}
        if pack:
            initial = {
                "introduction": pack.introduction,
                "questions": pack.questions,
                "trainer_notes": pack.trainer_notes,
                "excerpts": list(pack.excerpts.all()),
            }
        return self._render(request, TrainingPackForm(initial=initial, issue=issue), issue, pack)

    def post(self, request, code):
        issue = _issue(code)
        pack = TrainingPack.objects.filter(issue=issue).first()
        if "publish" in request.POST and pack is not None:
            publish = pack.status != TrainingPack.Status.PUBLISHED
            training_pack_publish(user=request.user, pack=pack, publish=publish)
            messages.success(
                request,
                "Training pack published." if publish else "Training pack taken back to a draft.",
            )
            return redirect(pack)
        form = TrainingPackForm(request.POST, issue=issue)
        if form.is_valid():
            try:
                pack = training_pack_save(user=request.user, issue=issue, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Training pack saved.")
                return redirect(pack)
        return self._render(request, form, issue, pack, status=400)
