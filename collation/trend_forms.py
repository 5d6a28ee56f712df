"""The trend grid's filters: one form for the pages, the downloads and the API."""

from django import forms

from scr_platform.accounts.choices import Region
from scr_platform.forms import GovukFormMixin

from .choices import ChildAgeBand, Incident, ReviewModel
from .models import Agency
from .selectors.trends import Period, period_parse


def _with_any(choices):
    return [("", "Any"), *choices]


class TrendFilterForm(GovukFormMixin, forms.Form):
    period = forms.CharField(
        required=False,
        label="Period",
        help_text="all, a year (2015), a half-year (2015-H1) or a quarter (2015-Q2)",
    )
    region = forms.ChoiceField(choices=_with_any(Region.choices), required=False)
    incident = forms.ChoiceField(choices=_with_any(Incident.choices), required=False)
    child_age_band = forms.ChoiceField(
        choices=_with_any(ChildAgeBand.choices), required=False, label="Child's age"
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(), required=False, empty_label="Any", label="Agency involved"
    )
    review_model = forms.ChoiceField(choices=_with_any(ReviewModel.choices), required=False)

    def clean_period(self) -> Period:
        try:
            return period_parse(self.cleaned_data.get("period") or "all")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def filters(self) -> dict:
        """The review filters, ready for ``trend_grid``."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "period" and v}
        if "agency" in data:
            data["agency"] = data["agency"].pk
        return data

    def cache_key(self) -> str:
        period = self.cleaned_data["period"]
        return ":".join([period.key, *(f"{k}={v}" for k, v in sorted(self.filters().items()))])
