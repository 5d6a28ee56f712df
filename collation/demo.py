"""Demo reviews: three invented sample reports, imported through the bulk import.

Two are published (their personal data flags cleared, since everything in the
samples is invented) and one, for the demo manager's board, is left as a
draft with its flags open to show the publication workflow.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from scr_platform.accounts.models import User

from .choices import FlagStatus, ReviewStatus
from .models import PersonalDataFlag, Review
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
    return lines


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
