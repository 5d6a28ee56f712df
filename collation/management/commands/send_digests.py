"""``manage.py send_digests``: send every follower's digest that is due and not sent yet."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ...services.digests import digests_send


class Command(BaseCommand):
    help = (
        "Send each follower the digest of the latest week, month or quarter (as they chose) "
        "that has ended, unless it has gone already. Safe to run again: a digest sent is "
        "never sent twice, one not sent is tried again, one with nothing new is not sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Send what is due on this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"--date must be a date like 2026-12-07, not {options['date']!r}"
                ) from error
        run = digests_send(today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Digests sent: {run.sent}; nothing new (not sent): {run.empty}; "
                f"sent before: {run.already_done}; failed (tried again next run): {run.failed}"
            )
        )
        if run.failed:
            raise CommandError(f"{run.failed} digest(s) could not be sent; see the log.")
