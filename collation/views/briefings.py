"""Briefings: analysts write themed fact sheets; the public reads the published ones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin, has_role
from scr_platform.forms import add_service_errors

from ..forms import BriefingForm
from ..models import Audience, Briefing
from ..selectors.learning import audience_parts, training_packs
from ..selectors.trends import briefing_figures
from ..services.briefings import briefing_publish, briefing_save


def _is_analyst(user) -> bool:
    return has_role(user, [Role.ANALYST])


@require_safe
def briefing_list_view(request):
    briefings = Briefing.objects.select_related("author")
    if not _is_analyst(request.user):
        briefings = briefings.filter(status=Briefing.Status.PUBLISHED)
    return render(
        request,
        "collation/briefing_list.html",
        {
            "briefings": briefings,
            "packs": training_packs(request.user),
            "can_write": _is_analyst(request.user),
        },
    )


@require_safe
def briefing_detail_view(request, slug):
    briefing = get_object_or_404(Briefing.objects.prefetch_related("issues"), slug=slug)
    if briefing.status != Briefing.Status.PUBLISHED and not _is_analyst(request.user):
        raise Http404("No such briefing")
    period, figures, excerpts = briefing_figures(briefing=briefing)
    return render(
        request,
        "collation/briefing_detail.html",
        {
            "briefing": briefing,
            "period": period,
            "figures": figures,
            "excerpts": excerpts,
            "parts": audience_parts(briefing),
            "audiences": Audience.choices,
            "can_write": _is_analyst(request.user),
        },
    )


class BriefingEditView(RoleRequiredMixin, View):
    required_roles = (Role.ANALYST,)
    template_name = "collation/briefing_form.html"

    def _briefing(self, slug):
        return get_object_or_404(Briefing, slug=slug) if slug else None

    def get(self, request, slug=None):
        briefing = self._briefing(slug)
        initial, issues = {}, []
        if briefing:
            issues = list(briefing.issues.all())
            initial = {
                "title": briefing.title,
                "period": briefing.period,
                "summary": briefing.summary,
                "issues": issues,
                "excerpts": list(briefing.excerpts.all()),
            }
        form = BriefingForm(initial=initial, issues=issues)
        return render(request, self.template_name, {"form": form, "briefing": briefing})

    def post(self, request, slug=None):
        briefing = self._briefing(slug)
        if briefing and "publish" in request.POST:
            publish = briefing.status != Briefing.Status.PUBLISHED
            briefing_publish(user=request.user, briefing=briefing, publish=publish)
            messages.success(request, "Briefing published." if publish else "Briefing withdrawn.")
            return redirect(briefing)
        chosen = request.POST.getlist("issues")
        form = BriefingForm(request.POST, issues=chosen)
        if form.is_valid():
            try:
                saved = briefing_save(user=request.user, briefing=briefing, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Briefing saved.")
                return redirect(saved)
        return render(request, self.template_name, {"form": form, "briefing": briefing}, status=400)
