"""Follow an issue: Atom feeds and a CSV of progress on published actions.

Only what the public may see: updates on published actions, and
organisations rather than people's names (as the public pages show them).
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from collation.models import PracticeIssue
from scr_platform.spreadsheet import csv_writer

from ..choices import ActionStatus
from ..filtersets import ProgressUpdateFilterSet
from ..selectors import public_updates

FEED_ITEMS = 50


def _moment(update):
    """When an update happened: its date, at the time it was written down."""
    written = timezone.localtime(update.created_at)
    return written.replace(
        year=update.written_on.year, month=update.written_on.month, day=update.written_on.day
    )


class ActionUpdatesFeed(Feed):
    """Progress on all published Alliance actions, newest first."""

    feed_type = Atom1Feed

    def title(self, obj=None):
        return "Progress on Alliance actions – SCR Learning Platform"

    def subtitle(self, obj=None):
        return "Dated progress on the actions the Alliance's member organisations have published."

    def link(self, obj=None):
        return reverse("alliance:action-list")

    def feed_url(self, obj=None):
        return reverse("alliance:updates-feed")

    def items(self, obj=None):
        return public_updates()[:FEED_ITEMS]

    def item_title(self, item):
        moved = f" (now {ActionStatus(item.status).label.lower()})" if item.status else ""
        return f"{item.action.title}{moved}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.action.get_absolute_url()}#update-{item.pk}"

    def item_guid(self, item):
        return f"alliance-update-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        # The organisation, never the person: as the public pages show it.
        return item.action.organisation.name

    def item_pubdate(self, item):
        return _moment(item)

    def item_updateddate(self, item):
        return _moment(item)

    def item_categories(self, item):
        return [issue.code for issue in item.action.issues.all()]


class IssueUpdatesFeed(ActionUpdatesFeed):
    """Progress on the published actions on one practice issue."""

    def get_object(self, request, code):
        return get_object_or_404(PracticeIssue, code__iexact=code)

    def title(self, obj=None):
        return f"Alliance action on {obj.code}: {obj.title} – SCR Learning Platform"

    def subtitle(self, obj=None):
        return f"Dated progress on the Alliance's published actions on practice issue {obj.code}."

    def link(self, obj=None):
        return reverse("collation:trend-issue", args=[obj.code])

    def feed_url(self, obj=None):
        return reverse("alliance:issue-updates-feed", args=[obj.code])

    def items(self, obj=None):
        return public_updates(issue=obj)[:FEED_ITEMS]


CSV_COLUMNS = [
    "date",
    "action_id",
    "action",
    "lead_organisation",
    "partners",
    "practice_issues",
    "status_set_by_update",
    "status_now",
    "due_on",
    "update",
    "address",
]


@require_GET
def updates_csv_view(request):
    """Every public progress update, filterable by ``issue``, ``organisation`` and ``since``."""
    filterset = ProgressUpdateFilterSet(request.GET or None, queryset=public_updates())
    if filterset.is_bound and not filterset.is_valid():
        messages = [
            f"{name}: {error}" for name, errors in filterset.errors.items() for error in errors
        ]
        return HttpResponse("\n".join(messages), status=400, content_type="text/plain")
    updates = filterset.qs if filterset.is_bound else filterset.queryset
    issue = filterset.form.cleaned_data.get("issue") if filterset.is_bound else None
    name = f"alliance-updates-{issue.code}.csv" if issue else "alliance-updates.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv_writer(response)
    writer.writerow(CSV_COLUMNS)
    for update in updates.iterator(chunk_size=500):
        action = update.action
        writer.writerow(
            [
                update.written_on.isoformat(),
                action.pk,
                action.title,
                action.organisation.name,
                "; ".join(partner.name for partner in action.partners.all()),
                " ".join(issue.code for issue in action.issues.all()),
                update.status,
                action.status,
                action.due_on.isoformat() if action.due_on else "",
                update.text,
                request.build_absolute_uri(action.get_absolute_url()),
            ]
        )
    return response
