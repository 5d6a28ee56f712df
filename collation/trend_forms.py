"""The trend grid's filters: one form for the pages, the downloads and the API."""

from contextlib import suppress

from django import forms

from scr_platform.accounts.choices import Region
from scr_platform.forms import GovukFormMixin

from .choices import ChildAgeBand, Incident, ReviewModel
from .models import Agency
from .selectors.trends import Period, period_parse, published_periods

_HALVES = {1: "first half", 2: "second half"}


def period_option(period: Period) -> tuple[str, str]:
    """(value, label) of a period in the list: "2015 first half" for 2015-H1."""
    if period.kind == "half":
        return period.key, f"{period.start.year} {_HALVES[1 + (period.start.month - 1) // 6]}"
    return period.key, period.label


class PeriodField(forms.ChoiceField):
    """A period chosen from a list; any period key is still accepted (old addresses,
    quarters), so the list need not hold every one."""

    def validate(self, value):
        # period_parse (clean_period) judges the value, not the list.
        forms.Field.validate(self, value)


def _with_any(choices):
    return [("", "Any"), *choices]


class TrendFilterForm(GovukFormMixin, forms.Form):
    period = PeriodField(
        required=False,
        label="Period",
        help_text="All time, a year, or half of a year with published reviews",
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

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("period"):
            # "2015-h1" from an old address selects "2015 first half".
            try:
                key = period_parse(data["period"]).key
            except ValueError:
                key = None
            if key is not None and key != data["period"]:
                data = data.copy()
                data["period"] = key
        super().__init__(data, *args, **kwargs)
        # Listed when the select is drawn: the downloads never read the list.
        self.fields["period"].choices = self._period_choices

    def _period_choices(self) -> list[tuple[str, str]]:
        choices = [("all", "All time"), *(period_option(p) for p in published_periods())]
        chosen = self.data.get("period") if self.is_bound else None
        if chosen and chosen not in {value for value, _ in choices}:
            # A quarter, or a year with no reviews yet: still shown as chosen.
            with suppress(ValueError):
                choices.append(period_option(period_parse(chosen)))
        return choices

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
