"""Demo reviews: three invented sample reports, imported through the bulk import, and a
synthetic national history around them.

The import's CSV holds only what a manager types to register a review; each
review's details (title, publication date, the child, abuse categories,
agencies, review model, lead reviewer) are then taken from the metadata the
platform proposes from its report, accepted as a manager accepts them.

Every published text passes the same gate as a manager's upload. Two reports
are checked as a manager would check them, against the list of invented
personal details that comes with each (``*.truth.json``): each flag on a
listed detail is redacted, every other flag is kept with a reason, and any
listed detail the detector missed is selected and redacted by hand. Their
public copies are made by the real redaction task and the reviews published.
The third, for the demo manager's board, stays a draft with its flags open to
show the workflow.

Around them, ``services.demo_history`` writes a few hundred clearly marked
synthetic reviews (2012–2026, metadata and verified codings, no reports), so
the grid, its trends and its filters have a national picture to show.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from scr_platform.accounts.models import User

from .choices import CodingVerification, FlagStatus, ReviewStatus
from .models import Coding, DigestFrequency, Follow, PracticeIssue, Review, ReviewDocument
from .selectors.publication import review_publication_blockers
from .services.coding import coding_create
from .services.demo_history import synthetic_history_load
from .services.following import FollowTarget, follow_add_for_user
from .services.importing import import_rows, reports_import
from .services.metadata import review_proposals_accept
from .services.personal_data import flag_decide, redaction_select
from .services.reviews import review_publish
from .services.summaries import summary_draft, summary_save
from .services.verification import coding_verify

DEMO_FOLDER = Path(settings.BASE_DIR) / "data" / "demo_reports"
DRAFT_REFERENCE = "DEMO-001"


def collation_demo_seed() -> list[str]:
    """Import and (mostly) publish the demo reports; safe to run again."""
    admin = User.objects.get(username="admin")
    # First, so that the reports published below are news in the follower's first digest.
    lines = [_follow_demo(analyst=User.objects.get(username="analyst"))]
    rows = import_rows(DEMO_FOLDER / "reports.csv")
    for outcome in reports_import(folder=DEMO_FOLDER, rows=rows, user=admin):
        lines.append(f"{outcome.filename}: {outcome.message}")
    for row in rows:
        lines += _accept_proposals(reference=row["reference"], admin=admin)
    for row in rows:
        if row["reference"] == DRAFT_REFERENCE:
            continue
        lines += _publish_demo(reference=row["reference"], admin=admin)
    coded = _code_demo_findings(analyst=User.objects.get(username="analyst"))
    lines.append(f"{coded} passages coded to practice issues by the demo analyst.")
    verified = _verify_demo_codings(verifier=User.objects.get(username="verifier"))
    lines.append(f"{verified} codings verified by the second demo analyst.")
    summarised = _summarise_demo_reviews(analyst=User.objects.get(username="analyst"))
    lines.append(f"{summarised} published demo reports summarised from their verified codings.")
    history = synthetic_history_load(
        publisher=admin,
        coder=User.objects.get(username="analyst"),
        verifier=User.objects.get(username="verifier"),
    )
    lines.append(
        f"Synthetic history: {history.reviews} demo reviews with {history.codings} verified "
        + ("codings written." if history.created else "codings, already in place.")
    )
    return lines


def _follow_demo(*, analyst: User) -> str:
    """The demo analyst follows C7 and the whole grid, so ``send_digests`` has a digest to
    print (on the console backend) once the week is over."""
    for target in (
        FollowTarget(kind=Follow.Kind.ISSUE, issue=PracticeIssue.objects.get(code="C7")),
        FollowTarget(kind=Follow.Kind.GRID),
    ):
        follow_add_for_user(user=analyst, target=target, frequency=DigestFrequency.WEEKLY)
    return (
        f"{analyst.email} follows C7 and the whole grid, weekly: see the digest with "
        "`manage.py send_digests --date <next Monday>`."
    )


def _accept_proposals(*, reference: str, admin: User) -> list[str]:
    """The review's details from its report's proposals, checked and saved by a manager
    (with a real worker, a document still processing has none yet: the next run does)."""
    review = Review.objects.get(reference=reference)
    if review.is_published:
        return []
    accepted = review_proposals_accept(user=admin, review=review)
    if not accepted:
        return []
    return [f"{reference}: {', '.join(accepted)} taken from the report's proposals."]


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


def _verify_demo_codings(*, verifier: User) -> int:
    """The second analyst checks the first's codings of the published reports (as each
    must be before it counts publicly); the draft's wait, to show the work list."""
    verified = 0
    for coding in Coding.objects.filter(
        verification=CodingVerification.UNVERIFIED, document__review__status="published"
    ).exclude(coder=verifier):
        with transaction.atomic():
            coding_verify(user=verifier, coding=coding, agrees=True)
        verified += 1
    return verified


def _summarise_demo_reviews(*, analyst: User) -> int:
    """Save the drafted summary of each published demo report that has none, as an
    analyst would after checking it."""
    summarised = 0
    for review in Review.objects.filter(
        status=ReviewStatus.PUBLISHED, is_synthetic=False, summary=""
    ):
        draft = summary_draft(review=review)
        if draft.text:
            summary_save(user=analyst, review=review, text=draft.text, drafted=True)
            summarised += 1
    return summarised


def _publish_demo(*, reference: str, admin: User) -> list[str]:
    review = Review.objects.get(reference=reference)
    problems = []
    for document in review.documents.filter(superseded_by__isnull=True, status="ready"):
        problems += _check_personal_data(document=document, admin=admin)
    review.refresh_from_db()
    if review.status == ReviewStatus.PUBLISHED:
        return []
    blockers = problems + review_publication_blockers(review=review)
    if blockers:
        return [f"{reference} is not published yet: {' '.join(blockers)}"]
    review_publish(user=admin, review=review)
    return [f"{reference} published, with its personal data redacted."]


def _check_personal_data(*, document: ReviewDocument, admin: User) -> list[str]:
    """Decide every flag as a manager would, with the report's list of invented details."""
    truth = DEMO_FOLDER / document.original_filename.replace(".pdf", ".truth.json")
    planted = json.loads(truth.read_text(encoding="utf-8"))["pii"] if truth.exists() else []
    personal = {_squashed(item["text"]) for item in planted}
    for flag in document.personal_data_flags.filter(status=FlagStatus.OPEN):
        if _squashed(flag.text) in personal:
            flag_decide(user=admin, flag=flag, decision=FlagStatus.REDACT)
        else:
            flag_decide(
                user=admin,
                flag=flag,
                decision=FlagStatus.NOT_PERSONAL,
                reason="Not on the report's list of invented personal details.",
            )
    redacted = {
        (flag.page, _squashed(flag.text))
        for flag in document.personal_data_flags.filter(status=FlagStatus.REDACT)
    }
    problems = []
    for item in planted:
        if (item["page"], _squashed(item["text"])) in redacted:
            continue
        # Missed by the detector: the manager selects it on its page.
        try:
            redaction_select(user=admin, document=document, page=item["page"], text=item["text"])
        except ValidationError as error:
            problems.append(f"“{item['text']}” on page {item['page']}: {' '.join(error.messages)}")
    return problems


def _squashed(text: str) -> str:
    return " ".join(text.split())
