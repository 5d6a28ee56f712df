"""Recommendations: analysts code them; everyone sees the analysis of published ones."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_safe

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.reference import reference

from ..choices import SMART_CRITERIA
from ..forms import RecommendationCodeForm
from ..models import Recommendation
from ..selectors import review_get
from ..selectors.recommendation_duplicates import published_duplicate_groups
from ..selectors.recommendations import recommendation_analysis
from ..selectors.recurrence import recurrences
from ..services.recommendations import recommendation_code


@require_safe
def analysis_view(request):
    """Recommendations per review against DFE-RR157, by agency, theme, SMART, and gaps."""
    return render(
        request,
        "collation/recommendation_analysis.html",
        {
            "analysis": recommendation_analysis(),
            "duplicate_groups": published_duplicate_groups(),
            "benchmark": reference()["recommendation_counts_rr157"],
            "recurrences": recurrences(),
        },
    )


class RecommendationCodeView(RoleRequiredMixin, View):
    required_roles = (Role.ANALYST,)
    template_name = "collation/recommendation_code.html"

    def _recommendation(self, request, pk, recommendation_pk):
        review = review_get(user=request.user, pk=pk)
        return get_object_or_404(
            Recommendation.objects.select_related("document", "agency", "theme"),
            pk=recommendation_pk,
            document__review=review,
        )

    def get(self, request, pk, recommendation_pk):
        recommendation = self._recommendation(request, pk, recommendation_pk)
        form = RecommendationCodeForm(
            initial={
                "agency": recommendation.agency,
                "theme": recommendation.theme,
                "layer": recommendation.layer,
                "smart": [field for field in SMART_CRITERIA if getattr(recommendation, field)],
                "issues": list(recommendation.issues.all()),
            }
        )
        return render(request, self.template_name, {"recommendation": recommendation, "form": form})

    def post(self, request, pk, recommendation_pk):
        recommendation = self._recommendation(request, pk, recommendation_pk)
        form = RecommendationCodeForm(request.POST)
        if form.is_valid():
            recommendation_code(
                user=request.user, recommendation=recommendation, **form.cleaned_data
            )
            messages.success(request, f"Recommendation {recommendation.number} coded.")
            return redirect(f"{recommendation.document.review.get_absolute_url()}#recommendations")
        return render(
            request,
            self.template_name,
            {"recommendation": recommendation, "form": form},
            status=400,
        )
