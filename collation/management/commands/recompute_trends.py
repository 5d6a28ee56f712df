"""``manage.py recompute_trends``: rebuild the trend figures now, and print them by period."""

from django.core.management.base import BaseCommand

from ...selectors.trends import trend_grid, trend_periods
from ...services.trends import review_issues_rebuild

SHOWN_ISSUES = 3


class Command(BaseCommand):
    help = (
        "Recompute which practice issues each review shows from its verified codings (what "
        "the nightly job does), clear every cached trend figure and public page, then print "
        "each period's published reviews and its most frequent issues. Run it after changing "
        "codings outside the service, e.g. in the database or the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            choices=["year", "half", "quarter", "all"],
            default="year",
            help="The periods to print figures for (default: year).",
        )

    def handle(self, *args, **options):
        rows = review_issues_rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Recomputed the trend figures: {rows} review–issue row(s). "
                "Cached figures and public pages are cleared."
            )
        )
        periods = trend_periods(options["period"])
        if not periods:
            self.stdout.write("No published review has a publication date yet: no figures.")
        for period in periods:
            grid = trend_grid(period=period)
            issues = sorted(
                (trend for _, trends in grid.stages for trend in trends if trend.count),
                key=lambda trend: (-trend.count, trend.issue.code),
            )[:SHOWN_ISSUES]
            most = ", ".join(
                f"{trend.issue.code} {trend.count} ({trend.share:g}%)" for trend in issues
            )
            self.stdout.write(
                f"{period.label}: {grid.review_count} published review(s)"
                + (f"; most often {most}" if most else "")
            )
