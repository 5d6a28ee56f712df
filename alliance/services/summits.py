"""Digital summits: analysts open and run rounds; practitioners contribute; analysts moderate.

A contribution is public only while approved. Rejecting, withdrawing or a
report takes it out of every public page at once: ``Contribution`` is
registered with ``scr_platform.public_changes`` for its approved rows, so a
write to an approved row (or one that approves it) moves the public version on.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from ..choices import ContributionStatus, PractitionerSector, ReportReason, SummitPhase
from ..models import Contribution, Practitioner, SummitRound
from ..rules import can_contribute, can_run_summits
from .limits import limit_reached

MIN_LENGTH = 20
MAX_LENGTH = 2000
MAX_REASON = 500
# Per practitioner, per round, per day: enough to say what they know, not to flood a queue.
CONTRIBUTIONS_PER_DAY = 5
DAY = 24 * 60 * 60
NEXT_PHASE = {SummitPhase.CAUSES: SummitPhase.SOLUTIONS, SummitPhase.SOLUTIONS: SummitPhase.CLOSED}
_MODERATED = (ContributionStatus.WAITING, ContributionStatus.REPORTED)


def _require_runner(user: User) -> None:
    if not can_run_summits(user):
        raise PermissionDenied("Only analysts run digital summits.")


@transaction.atomic
def summit_round_open(*, user: User, issue: PracticeIssue | None, title: str, question: str):
    """Open a round on a practice issue; it asks for causes first."""
    _require_runner(user)
    errors = {}
    if issue is None:
        errors["issue"] = "Choose the practice issue the round is about."
    elif issue.is_retired:
        errors["issue"] = f"{issue.code} is retired: choose an issue in use."
    if not (title or "").strip():
        errors["title"] = "Enter a title."
    if not (question or "").strip():
        errors["question"] = "Enter the question practitioners are asked."
    if errors:
        raise ValidationError(errors)
    return SummitRound.objects.create(
        issue=issue, title=title.strip(), question=question.strip(), opened_by=user
    )


@transaction.atomic
def summit_round_advance(*, user: User, summit: SummitRound) -> SummitRound:
    """Move a round on: from causes to solutions, from solutions to closed."""
    _require_runner(user)
    summit = SummitRound.objects.select_for_update().get(pk=summit.pk)
    if summit.phase not in NEXT_PHASE:
        raise ValidationError("The round is closed already.")
    summit.phase = NEXT_PHASE[summit.phase]
    summit.phase_changed_at = timezone.now()
    summit.save(update_fields=["phase", "phase_changed_at"])
    return summit


@transaction.atomic
def summit_round_summarise(*, user: User, summit: SummitRound, summary: str) -> SummitRound:
    """The analyst's summary of what practitioners said (public on the round's page)."""
    _require_runner(user)
    if len(summary or "") > 5000:
        raise ValidationError({"summary": "Keep the summary to 5,000 characters or fewer."})
    summit.summary = (summary or "").strip()
    summit.save(update_fields=["summary"])
    return summit


def contribution_text_check(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your contribution."})
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            {
                "text": f"Your contribution must be at least {MIN_LENGTH} characters: say a little "
                "more about what you have seen."
            }
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": f"Your contribution must be {MAX_LENGTH:,} characters or fewer "
                f"(it is {len(text):,}). Split it into two if you need to."
            }
        )
    return text


@transaction.atomic
def contribution_create(*, user: User, summit: SummitRound, text: str) -> Contribution:
    """A practitioner's contribution to the round's open phase, waiting to be checked."""
    if not can_contribute(user):
        raise PermissionDenied("Confirm your e-mail address as a practitioner to contribute.")
    if not summit.is_open:
        raise ValidationError({"text": "This round has closed: it takes no more contributions."})
    text = contribution_text_check(text)
    if limit_reached(
        f"contribute:{user.pk}:{summit.pk}", limit=CONTRIBUTIONS_PER_DAY, window_seconds=DAY
    ):
        raise ValidationError(
            {
                "text": f"You have sent {CONTRIBUTIONS_PER_DAY} contributions to this round today, "
                "the most it takes from one person in a day. Try again tomorrow."
            }
        )
    practitioner = Practitioner.objects.filter(user=user).first()
    sector = practitioner.sector if practitioner else PractitionerSector.OTHER
    return Contribution.objects.create(
        round=summit, phase=summit.phase, text=text, author=user, sector=sector
    )


def _locked(contribution: Contribution) -> Contribution:
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


@transaction.atomic
def contribution_approve(*, user: User, contribution: Contribution) -> Contribution:
    _require_runner(user)
    contribution = _locked(contribution)
    if contribution.status not in _MODERATED:
        raise ValidationError("Only contributions waiting to be checked can be approved.")
    contribution.status = ContributionStatus.APPROVED
    contribution.rejection_reason = ""
    contribution.moderated_by, contribution.moderated_at = user, timezone.now()
    contribution.save()
    return contribution


@transaction.atomic
def contribution_reject(*, user: User, contribution: Contribution, reason: str) -> Contribution:
    """Reject with a reason, which the author sees."""
    _require_runner(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the contribution is rejected."})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"Keep the reason to {MAX_REASON} characters or fewer."})
    contribution = _locked(contribution)
    if contribution.status not in _MODERATED:
        raise ValidationError("Only contributions waiting to be checked can be rejected.")
    contribution.status, contribution.rejection_reason = ContributionStatus.REJECTED, reason
    contribution.moderated_by, contribution.moderated_at = user, timezone.now()
    contribution.save()
    return contribution


@transaction.atomic
def contribution_withdraw(*, user: User, contribution: Contribution) -> Contribution:
    """Its author takes it back: it leaves every public page at once."""
    if contribution.author_id != user.pk:
        raise PermissionDenied("Only the person who wrote it may withdraw it.")
    contribution = _locked(contribution)
    if contribution.status == ContributionStatus.WITHDRAWN:
        return contribution
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.save(update_fields=["status"])
    return contribution


@transaction.atomic
def contribution_report(
    *, contribution: Contribution, reason: str, reporter_key: str
) -> Contribution:
    """Anyone may report an approved contribution: it is hidden and checked again.

    ``reporter_key`` names who reports (a user or an address) for the rate limit.
    """
    if reason not in ReportReason.values:
        raise ValidationError({"reason": "Select why you are reporting it."})
    if limit_reached(f"report:{reporter_key}", limit=10, window_seconds=60 * 60):
        raise ValidationError(
            "You have reported 10 contributions in the last hour. Try again later."
        )
    contribution = _locked(contribution)
    if contribution.status != ContributionStatus.APPROVED:
        raise ValidationError("This contribution is not shown, so there is nothing to report.")
    contribution.status = ContributionStatus.REPORTED
    contribution.report_count += 1
    contribution.report_reason = reason
    contribution.save(update_fields=["status", "report_count", "report_reason"])
    return contribution
