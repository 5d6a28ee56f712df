"""``manage.py recheck_personal_data``: run the current personal data detector again."""

from django.core.management.base import BaseCommand

from ...services import personal_data_recheck


class Command(BaseCommand):
    help = (
        "Check documents again with the current personal data detector: every current "
        "document checked by an older version, or all with --all. New findings on a "
        "published document take it off the public site until a manager has decided them; "
        "the board's managers are told by e-mail. Beat runs this every hour, so after an "
        "upgrade nothing waits for someone to notice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Check every current document, whichever version checked it.",
        )

    def handle(self, *args, **options):
        outcomes = personal_data_recheck.documents_recheck(everything=options["all"])
        for outcome in outcomes:
            if outcome.new_flags:
                held = " and held it back from the public" if outcome.withheld else ""
                self.stdout.write(
                    self.style.WARNING(
                        f"Document {outcome.document_id}: {outcome.new_flags} new possible "
                        f"personal data item(s){held}."
                    )
                )
        found = sum(outcome.new_flags for outcome in outcomes)
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {len(outcomes)} document(s) with detector version "
                f"{personal_data_recheck.DETECTOR_VERSION}: "
                f"{found} new item(s) to check."
            )
        )
