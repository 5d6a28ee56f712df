"""Good practice: public pages; Alliance members and analysts record it, authors change it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from collation.models import PracticeIssue
from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin
from scr_platform.forms import add_service_errors

from ..filtersets import GoodPracticeFilterSet
from ..forms import GoodPracticeForm
from ..rules import can_change_good_practice, can_record_good_practice, represented_organisation
from ..selectors import good_practice_get, good_practice_list
from ..services import good_practice_save

PAGE_SIZE = 20


@require_GET
def good_practice_list_view(request):
    """What has worked somewhere, by practice issue."""
    filterset = GoodPracticeFilterSet(request.GET or None, queryset=good_practice_list())
    items = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "alliance/goodpractice_list.html",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "can_record": can_record_good_practice(request.user),
            "is_filtered": bool(query),
            "hidden_filters": [],
        },
    )


@require_GET
def good_practice_detail_view(request, pk: int):
    item = good_practice_get(pk=pk)
    return render(
        request,
        "alliance/goodpractice_detail.html",
        {"item": item, "can_change": can_change_good_practice(request.user, item)},
    )


class GoodPracticeEditView(RoleRequiredMixin, View):
    """Record good practice (Alliance members, analysts, administrators), or change it
    (its author or an administrator)."""

    required_roles = (Role.ALLIANCE_MEMBER, Role.ANALYST)
    template_name = "alliance/goodpractice_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.item = None
        if request.user.is_authenticated and kwargs.get("pk"):
            self.item = good_practice_get(pk=kwargs["pk"])
            if not can_change_good_practice(request.user, self.item):
                raise PermissionDenied("Only the person who recorded it, or an administrator.")
        return super().dispatch(request, *args, **kwargs)

    def _form(self, request, data=None):
        item = self.item
        if item is not None:
            initial = {
                "title": item.title,
                "what_worked": item.what_worked,
                "where": item.where,
                "organisation": item.organisation,
                "issues": list(item.issues.all()),
                "links": item.links,
                "started_on": item.started_on,
            }
        else:
            # ?issue=D7 (from an issue's page) starts with that issue chosen.
            chosen = PracticeIssue.objects.filter(code__in=request.GET.getlist("issue"))
            initial = {
                "issues": list(chosen),
                "organisation": represented_organisation(request.user),
            }
        return GoodPracticeForm(data, initial=initial, good_practice=item)

    def _render(self, request, form, status=200):
        context = {"form": form, "item": self.item}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        return self._render(request, self._form(request))

    def post(self, request, pk=None):
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                saved = good_practice_save(
                    user=request.user, good_practice=self.item, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Good practice saved. It is shown on the pages of the practice issues it "
                    "addresses.",
                )
                return redirect(saved)
        return self._render(request, form, status=400)
