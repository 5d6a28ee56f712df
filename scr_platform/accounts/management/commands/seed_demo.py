"""``manage.py seed_demo``: demo boards, a user per role, and the reference data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scr_platform.accounts.demo import DEMO_PASSWORD, accounts_demo_seed
from scr_platform.accounts.selectors import role_labels


class Command(BaseCommand):
    help = "Create demo boards and one user per role (idempotent). Never for production."

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
        users = accounts_demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Every demo user's password is: {DEMO_PASSWORD}")
        for user in users:
            roles = ", ".join(role_labels(user=user))
            board = f" ({user.board})" if user.board else ""
            self.stdout.write(f"  {user.username:<10} {roles}{board}")
