"""A reviewer's CPD log: activities, a yearly summary to print or download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from scr_platform.forms import add_service_errors
from scr_platform.spreadsheet import csv_writer

from ..forms import CpdActivityForm
from ..selectors.cpd import cpd_get, cpd_list, cpd_summary, cpd_years
from ..services.cpd import cpd_activity_delete, cpd_activity_save
from .helpers import ReviewerRequiredMixin

# The years a CPD summary can be asked for (the page's address and the API's
# ?year=): any a log could sensibly hold, and none a date cannot have.
CPD_YEARS = range(1900, 2101)


def _summary(user, year: int):
    if year not in CPD_YEARS:
        raise Http404("No CPD summary for that year")
    return cpd_summary(user=user, year=year)


class CpdLogView(ReviewerRequiredMixin, View):
    def get(self, request):
        years = cpd_years(user=request.user)
        return render(
            request,
            "masterclasses/cpd_log.html",
            {
                "activities": cpd_list(user=request.user),
                "years": years,
                "this_year": timezone.localdate().year,
            },
        )


class CpdEditView(ReviewerRequiredMixin, View):
    """Add an activity, or change one of yours."""

    template_name = "masterclasses/cpd_form.html"

    def get(self, request, pk=None):
        activity = cpd_get(user=request.user, pk=pk) if pk else None
        initial = {"date": timezone.localdate()}
        if activity:
            initial = {
                name: getattr(activity, name)
                for name in ("date", "title", "kind", "hours", "reflection")
            }
        return render(
            request,
            self.template_name,
            {"form": CpdActivityForm(initial=initial), "activity": activity},
        )

    def post(self, request, pk=None):
        activity = cpd_get(user=request.user, pk=pk) if pk else None
        form = CpdActivityForm(request.POST)
        if form.is_valid():
            try:
                cpd_activity_save(user=request.user, activity=activity, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your CPD log is saved.")
                return redirect("masterclasses:cpd-log")
        return render(request, self.template_name, {"form": form, "activity": activity}, status=400)


class CpdDeleteView(ReviewerRequiredMixin, View):
    """Confirm, then remove an activity."""

    def get(self, request, pk):
        activity = cpd_get(user=request.user, pk=pk)
        return render(request, "masterclasses/cpd_delete.html", {"activity": activity})

    def post(self, request, pk):
        activity = cpd_get(user=request.user, pk=pk)
        try:
            cpd_activity_delete(user=request.user, activity=activity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{activity.title}” is removed from your log.")
        return redirect("masterclasses:cpd-log")


class CpdSummaryView(ReviewerRequiredMixin, View):
    """A year of CPD as a printable page, to show commissioners."""

    def get(self, request, year):
        return render(
            request,
            "masterclasses/cpd_summary.html",
            {
                "summary": _summary(request.user, year),
                "years": cpd_years(user=request.user),
                "reviewer": request.user,
                "printed": timezone.localdate(),
            },
        )


class CpdSummaryCsvView(ReviewerRequiredMixin, View):
    """A year of CPD as CSV: one row per activity, then the totals by kind."""

    def get(self, request, year):
        summary = _summary(request.user, year)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cpd-{year}.csv"'
        writer = csv_writer(response)
        writer.writerow(["date", "activity", "kind", "hours", "reflection"])
        for activity in summary.activities:
            writer.writerow(
                [
                    activity.date.isoformat(),
                    activity.title,
                    activity.get_kind_display(),
                    activity.hours,
                    activity.reflection,
                ]
            )
        writer.writerow([])
        writer.writerow(["kind", "activities", "hours"])
        for label, count, hours in summary.by_kind:
            writer.writerow([label, count, hours])
        writer.writerow(["Total", len(summary.activities), summary.total_hours])
        return response
