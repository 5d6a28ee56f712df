"""Writes on verification: a second analyst checks each coding before it counts publicly.

The verifier agrees or disagrees (saying why, and which issue, if any, they
would code instead). A disagreement is resolved by the coder or another
analyst — never the verifier alone: the coding is kept (with the reason),
changed to the issue the verifier proposed, or removed. Only agreed and
resolved codings count in public figures, excerpts and exports
(``collation.visibility.coding_counted_q``); nobody verifies their own.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role, is_administrator

from ..choices import CodingVerification
from ..models import Coding, PracticeIssue
from .coding import refresh_trends_after_commit

RESOLUTIONS = ("keep", "change", "remove")


def _locked(coding: Coding) -> Coding:
    return Coding.objects.select_for_update().select_related("document", "issue").get(pk=coding.pk)


def _check_analyst(user: User) -> None:
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts verify codings.")


@transaction.atomic
def coding_verify(
    *,
    user: User,
    coding: Coding,
    agrees: bool,
    reason: str = "",
    proposed_issue: PracticeIssue | None = None,
) -> Coding:
    """Agree with another analyst's coding, or disagree saying why (and what instead)."""
    _check_analyst(user)
    coding = _locked(coding)
    if coding.coder_id == user.pk:
        raise PermissionDenied("Nobody verifies their own codings: ask another analyst.")
    if coding.verification != CodingVerification.UNVERIFIED:
        raise ValidationError("This coding has already been verified.")
    reason = reason.strip()
    if not agrees:
        if not reason:
            raise ValidationError({"reason": "Enter why you disagree with this coding."})
        if proposed_issue is not None and proposed_issue.pk == coding.issue_id:
            raise ValidationError({"proposed_issue": "Choose another issue, or none."})
    coding.verification = CodingVerification.AGREED if agrees else CodingVerification.DISAGREED
    coding.verified_by, coding.verified_at = user, timezone.now()
    coding.disagreement = "" if agrees else reason
    coding.proposed_issue = None if agrees else proposed_issue
    coding.save()
    if agrees:
        refresh_trends_after_commit(coding.document.review_id)
    return coding


@transaction.atomic
def coding_resolve(*, user: User, coding: Coding, outcome: str, reason: str) -> Coding | None:
    """Settle a disagreement: keep the coding, change it as proposed, or remove it."""
    _check_analyst(user)
    coding = _locked(coding)
    if coding.verification != CodingVerification.DISAGREED:
        raise ValidationError("Only a coding another analyst disagreed with is resolved.")
    if coding.verified_by_id == user.pk and not is_administrator(user):
        raise PermissionDenied(
            "The verifier does not settle their own disagreement: the coder or another "
            "analyst does."
        )
    if outcome not in RESOLUTIONS:
        raise ValidationError({"outcome": "Choose how the disagreement is resolved."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter how the disagreement was resolved."})
    review_id = coding.document.review_id
    if outcome == "remove":
        coding.delete()  # the audit log keeps the coding, the disagreement and who removed it
        refresh_trends_after_commit(review_id)
        return None
    if outcome == "change":
        if coding.proposed_issue is None:
            raise ValidationError(
                {"outcome": "The verifier proposed no other issue: keep or remove the coding."}
            )
        coding.original_issue = coding.issue
        coding.issue = coding.proposed_issue
        coding.save(update_fields=["original_issue", "issue"])
        coding.causes.clear()  # causes belong to an issue
    coding.verification = CodingVerification.RESOLVED
    coding.resolution, coding.resolved_by, coding.resolved_at = reason, user, timezone.now()
    coding.save()
    refresh_trends_after_commit(review_id)
    return coding
