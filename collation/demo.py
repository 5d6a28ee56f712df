"""Demo reviews: three invented sample reports, imported through the bulk import.

Two are published (their personal data flags cleared, since everything in the
samples is invented) and one, for the demo manager's board, is left as a
draft with its flags open to show the publication workflow.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from scr_platform.accounts.models import User

from .choices import FlagStatus, ReviewStatus
from .models import Coding, PersonalDataFlag, PracticeIssue, Review, ReviewDocument
from .services.coding import coding_create
from .services.importing import import_rows, reports_import
from .services.reviews import flag_clear, review_publication_blockers, review_publish

DEMO_FOLDER = Path(settings.BASE_DIR) / "data" / "demo_reports"
DRAFT_REFERENCE = "DEMO-001"


def collation_demo_seed() -> list[str]:
    """Import and (mostly) publish the demo reports; safe to run again."""
    admin = User.objects.get(username="admin")
    lines = []
    rows = import_rows(DEMO_FOLDER / "reports.csv")
    for outcome in reports_import(folder=DEMO_FOLDER, rows=rows, user=admin):
        lines.append(f"{outcome.filename}: {outcome.message}")
    for row in rows:
        if row["reference"] == DRAFT_REFERENCE:
            continue
        _publish_demo(reference=row["reference"], admin=admin)
    coded = _code_demo_findings(analyst=User.objects.get(username="analyst"))
    lines.append(f"{coded} passages coded to practice issues by the demo analyst.")
    return lines


def _code_demo_findings(*, analyst: User) -> int:
    """Code each demo report's findings to their practice issues, as the analyst would."""
    findings = json.loads((DEMO_FOLDER / "codings.json").read_text(encoding="utf-8"))
    coded = 0
    for finding in findings:
        # With a real worker, processing may not have finished: such a document
        # is coded by the next run of seed_demo.
        document = ReviewDocument.objects.filter(
            original_filename=finding["file"], superseded_by__isnull=True, status="ready"
        ).first()
        issue = PracticeIssue.objects.get(code=finding["issue"])
        if (
            document is None
            or Coding.objects.filter(document=document, page=finding["page"], issue=issue).exists()
        ):
            continue
        with transaction.atomic():
            coding_create(
                user=analyst,
                document=document,
                page=finding["page"],
                excerpt=finding["excerpt"],
                issue=issue,
                causes=issue.causes.filter(text__in=finding["causes"]),
            )
        coded += 1
    return coded


@transaction.atomic
def _publish_demo(*, reference: str, admin: User) -> None:
    flags = PersonalDataFlag.objects.filter(
        document__review__reference=reference, status=FlagStatus.OPEN
    )
    for flag in flags:
        flag_clear(user=admin, flag=flag, reason="Demo data: every name and detail is invented.")
    review = Review.objects.get(reference=reference)
    if review.status != ReviewStatus.PUBLISHED and not review_publication_blockers(review=review):
        review_publish(user=admin, review=review)
