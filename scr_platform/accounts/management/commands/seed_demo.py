"""``manage.py seed_demo``: demo boards, a user per role, and each app's demo data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scr_platform.demo import providers


class Command(BaseCommand):
    help = (
        "Create demo boards, one user per role and demo content (idempotent). Never for production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (e.g. a staging site). Demo passwords are public.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; it runs only with "
                "DJANGO_DEBUG=true, or with --force on a site that is not live."
            )
        for provider in providers():
            self.stdout.write(self.style.MIGRATE_HEADING(f"{provider.name}:"))
            for line in provider.seed():
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
