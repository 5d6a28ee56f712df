"""Checking documents again when the personal data detector improves.

Each document records the detector version that checked it. When the version
changes, ``documents_recheck`` (the ``recheck_personal_data`` command and a
beat task) runs the detector over every current document's stored text, which
for a published document is the text of its public copy. A finding that no
existing flag already covers becomes an open flag; on a published document it
holds the document back from the public at once (``withheld_at``: its file and
text disappear from every public page, search and excerpt, and the review
says it is being checked) and the board's managers are told by e-mail. The
document returns to the public when the manager has decided the new flags and
its public copy has been made again (``services.redaction``).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from scr_platform.accounts.choices import Role

from ..analysis.personal_data import DETECTOR_VERSION, personal_data_find
from ..choices import DocumentStatus, FlagSource, FlagStatus
from ..models import PersonalDataFlag, ReviewDocument
from .personal_data import public_copy_request

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RecheckOutcome:
    document_id: int
    new_flags: int
    withheld: bool


def _squashed(text: str) -> str:
    return " ".join(text.split())


def documents_recheck(*, everything: bool = False) -> list[RecheckOutcome]:
    """Check again every current document that an older detector checked (or all of them).

    Also asks for the public copies that are missing or out of date (documents
    stored before copies existed, or a run that failed for a passing reason).
    """
    current = ReviewDocument.objects.filter(superseded_by__isnull=True, status=DocumentStatus.READY)
    documents = current if everything else current.exclude(detector_version=DETECTOR_VERSION)
    outcomes = [
        document_recheck(document_id=pk)
        for pk in documents.order_by("pk").values_list("pk", flat=True)
    ]
    stale = current.filter(Q(public_copy="") | ~Q(public_copy_digest=F("redaction_digest")))
    for pk in stale.values_list("pk", flat=True):
        public_copy_request(document_id=pk)
    return outcomes


def document_recheck(*, document_id: int) -> RecheckOutcome:
    """Run the current detector over one document's stored text; flag what is new."""
    with transaction.atomic():
        document = (
            ReviewDocument.objects.select_for_update()
            .select_related("review__board")
            .get(pk=document_id)
        )
        pages = list(document.pages.order_by("number").values_list("number", "text"))
        known = {
            (page, _squashed(text))
            for page, text in document.personal_data_flags.values_list("page", "text")
        }
        new = []
        for finding in personal_data_find(pages, board_name=document.review.board.name):
            key = (finding.page, _squashed(finding.text))
            if key in known:
                continue
            known.add(key)
            new.append(
                PersonalDataFlag(
                    document=document,
                    page=finding.page,
                    kind=str(finding.kind),
                    text=finding.text[:500],
                    context=finding.context,
                    source=FlagSource.RECHECK,
                    status=FlagStatus.OPEN,
                )
            )
        PersonalDataFlag.objects.bulk_create(new)
        withheld = bool(new) and document.review.is_published
        if withheld and document.withheld_at is None:
            document.withheld_at = timezone.now()
        document.detector_version = DETECTOR_VERSION
        document.save(update_fields=["withheld_at", "detector_version"])
        if withheld:
            transaction.on_commit(lambda: _tell_managers(document, len(new)))
    if new:
        logger.warning(
            "Re-check found %s new possible personal data items in document %s",
            len(new),
            document_id,
        )
    return RecheckOutcome(document_id=document_id, new_flags=len(new), withheld=withheld)


def _tell_managers(document: ReviewDocument, count: int) -> None:
    review = document.review
    managers = review.board.members.filter(
        is_active=True, groups__name=Role.LSCB_MANAGER.label
    ).exclude(email="")
    recipients = sorted(set(managers.values_list("email", flat=True)))
    if not recipients:
        logger.warning("No manager of %s has an e-mail address to tell", review.board)
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "collation:personal-data-check", kwargs={"pk": review.pk}
    )
    items = f"{count} possible personal data item{'s' if count != 1 else ''}"
    send_mail(
        subject=f"Check personal data in {review.reference}: {document}",
        message=(
            f"An improved check found {items} in “{document}” of the published review "
            f"{review.reference} ({review.title}).\n\n"
            "The document has been taken off the public site until you have decided each "
            "item. The review's page tells the public it is being checked.\n\n"
            f"Check them here: {link}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
