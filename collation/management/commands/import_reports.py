"""``manage.py import_reports FOLDER``: bulk import of report PDFs with a metadata CSV."""

from pathlib import Path

from auditlog.context import set_actor
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import is_administrator

from ...services.importing import ImportFileError, import_rows, reports_import

STYLES = {"imported": "SUCCESS", "skipped": "NOTICE", "rejected": "ERROR", "invalid": "ERROR"}


class Command(BaseCommand):
    help = (
        "Import a folder of SCR report PDFs described by a CSV (columns: file, board, region, "
        "reference, title, publication_date, incident, child_age_band, child_sex, "
        "abuse_categories, agencies, review_model, lead_reviewer, kind; lists separated by ';'). "
        "Safe to run again: files already imported are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--metadata", type=Path, help="The CSV file (default: FOLDER/reports.csv)."
        )
        parser.add_argument(
            "--user", required=True, help="Username of the administrator doing the import."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each review once processed, if nothing blocks it (personal data "
            "flags always do; embedded default only, where processing is immediate).",
        )

    def handle(self, *args, folder: Path, metadata: Path | None, user: str, publish: bool, **kw):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        account = User.objects.filter(username=user, is_active=True).first()
        if account is None or not is_administrator(account):
            raise CommandError(f"{user} is not an active administrator.")
        try:
            rows = import_rows(metadata or folder / "reports.csv")
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        counts: dict[str, int] = {}
        progress = tqdm(
            total=len(rows), unit="file", desc="Importing", file=self.stderr._out, disable=None
        )
        # No request here: record the importing administrator as the audit log's actor.
        with set_actor(account):
            for outcome in reports_import(folder=folder, rows=rows, user=account, publish=publish):
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
                style = getattr(self.style, STYLES[outcome.status])
                with progress.external_write_mode():
                    self.stdout.write(
                        style(f"{outcome.status:>9}  {outcome.filename}: {outcome.message}")
                    )
                progress.update()
        progress.close()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        self.stdout.write(f"Done: {summary or 'nothing to import'}.")
        if counts.get("rejected") or counts.get("invalid"):
            raise CommandError("Some files were not imported; see the messages above.")
