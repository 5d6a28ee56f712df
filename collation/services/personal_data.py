"""Writes on personal data: a manager's decisions on flags, text they select to redact,
and the public copy that carries those decisions out.

Every decision moves the document's ``redaction_digest`` (a fingerprint of what
must be redacted). The public sees a document only while its public copy was
made with the current digest (``collation.visibility``), so a decision made on
a published document takes that document back from the public until its new
public copy is ready: a passage chosen for redaction is never public in the
meantime.
"""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from scr_platform.accounts.models import User

from ..analysis.matching import contains, tolerant_pattern
from ..choices import (
    DocumentStatus,
    FlagSource,
    FlagStatus,
    PersonalDataKind,
    RedactionStatus,
)
from ..models import DocumentPage, PersonalDataFlag, RedactionJob, ReviewDocument
from ..rules import can_delete_original, can_manage_review
from ..selectors.publication import public_copy_is_current

logger = logging.getLogger(__name__)

DECISIONS = (FlagStatus.REDACT, FlagStatus.NOT_PERSONAL)
MAX_SELECTION = 500


def _squashed(text: str) -> str:
    return " ".join(text.split())


def redaction_digest(document: ReviewDocument) -> str:
    """A fingerprint of every passage to redact from the document (page and text)."""
    items = sorted(
        {
            f"{page}\t{_squashed(text)}"
            for page, text in document.personal_data_flags.filter(
                status=FlagStatus.REDACT
            ).values_list("page", "text")
        }
    )
    return hashlib.sha256("\n".join(items).encode()).hexdigest()


def _check_manager(user: User, document: ReviewDocument) -> None:
    if not can_manage_review(user, document.review):
        raise PermissionDenied("You cannot check personal data on this review.")
    if not document.has_original:
        raise ValidationError(
            "The original of this document has been deleted, so its public copy cannot be "
            "made again. Replace the document to change what is redacted."
        )


def _decisions_changed(document: ReviewDocument) -> None:
    """Record the new fingerprint, and ask for a public copy once nothing is left to check."""
    document.redaction_digest = redaction_digest(document)
    document.save(update_fields=["redaction_digest"])
    transaction.on_commit(lambda: public_copy_request(document_id=document.pk))


def _locked_flag(flag: PersonalDataFlag) -> PersonalDataFlag:
    return (
        PersonalDataFlag.objects.select_for_update()
        .select_related("document__review")
        .get(pk=flag.pk)
    )


@transaction.atomic
def flag_decide(
    *, user: User, flag: PersonalDataFlag, decision: str, reason: str = ""
) -> PersonalDataFlag:
    """Decide one flag: redact it from the public copy, or not personal data (with a reason)."""
    flag = _locked_flag(flag)
    _check_manager(user, flag.document)
    _apply_decision(user=user, flags=[flag], decision=decision, reason=reason)
    _decisions_changed(flag.document)
    return flag


@transaction.atomic
def flags_decide_same(
    *, user: User, flag: PersonalDataFlag, decision: str, reason: str = ""
) -> int:
    """Decide every open flag with the same text on the review's current documents at once."""
    flag = _locked_flag(flag)
    _check_manager(user, flag.document)
    if decision == FlagStatus.REDACT:
        _flag_unflagged_occurrences(flag=flag)
    same = list(same_text_flags(flag=flag).select_for_update().select_related("document__review"))
    _apply_decision(user=user, flags=same, decision=decision, reason=reason)
    for document in {item.document_id: item.document for item in same}.values():
        _decisions_changed(document)
    return len(same)


def _flag_unflagged_occurrences(*, flag: PersonalDataFlag) -> None:
    """Redacting every occurrence means every page the text stands on, flagged or not."""
    for page in unflagged_occurrences(flag=flag):
        PersonalDataFlag.objects.create(
            document_id=page.document_id,
            page=page.number,
            kind=flag.kind,
            text=flag.text,
            context=_context(page.text, _squashed(flag.text)),
            source=FlagSource.DETECTED,
        )


def unflagged_occurrences(*, flag: PersonalDataFlag) -> QuerySet[DocumentPage]:
    """Pages of the review's current documents where the flag's text stands without a flag."""
    flagged = PersonalDataFlag.objects.filter(
        document=OuterRef("document"), page=OuterRef("number"), text=flag.text
    )
    return (
        DocumentPage.objects.filter(
            document__review_id=flag.document.review_id,
            document__superseded_by__isnull=True,
            text__contains=flag.text,
        )
        .exclude(Exists(flagged))
        .only("document_id", "number", "text")
    )


def same_text_flags(*, flag: PersonalDataFlag) -> QuerySet[PersonalDataFlag]:
    """Open flags with exactly this flag's text, on its review's current documents."""
    return PersonalDataFlag.objects.filter(
        document__review_id=flag.document.review_id,
        document__superseded_by__isnull=True,
        text=flag.text,
        status=FlagStatus.OPEN,
    ).order_by("document", "page", "pk")


def _apply_decision(*, user: User, flags: list[PersonalDataFlag], decision: str, reason: str):
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose whether to redact it or keep it."})
    reason = reason.strip()
    if decision == FlagStatus.NOT_PERSONAL and not reason:
        raise ValidationError({"reason": "Enter why this is not personal data."})
    if any(not flag.is_open for flag in flags):
        raise ValidationError("This has already been decided. Undo the decision to change it.")
    now = timezone.now()
    for flag in flags:
        flag.status = decision
        flag.reason = reason if decision == FlagStatus.NOT_PERSONAL else reason[:2000]
        flag.resolved_by, flag.resolved_at = user, now
        flag.save(update_fields=["status", "reason", "resolved_by", "resolved_at"])


@transaction.atomic
def flag_undo(*, user: User, flag: PersonalDataFlag) -> PersonalDataFlag | None:
    """Take back a decision until the review is published (a selection is removed)."""
    flag = _locked_flag(flag)
    _check_manager(user, flag.document)
    if flag.document.review.is_published:
        raise ValidationError("Decisions cannot be undone once the review is published.")
    if flag.status not in DECISIONS:
        raise ValidationError("There is no decision to undo.")
    document = flag.document
    if flag.source == FlagSource.SELECTED:
        flag.delete()
        flag = None
    else:
        flag.status, flag.reason = FlagStatus.OPEN, ""
        flag.resolved_by, flag.resolved_at = None, None
        flag.save(update_fields=["status", "reason", "resolved_by", "resolved_at"])
    _decisions_changed(document)
    return flag


@transaction.atomic
def redaction_select(
    *, user: User, document: ReviewDocument, page: int, text: str
) -> PersonalDataFlag:
    """Redact text the detector missed: the manager selected it on a page."""
    document = (
        ReviewDocument.objects.select_for_update().select_related("review").get(pk=document.pk)
    )
    _check_manager(user, document)
    if not document.is_current:
        raise ValidationError("This document has been replaced: redact text in its new copy.")
    selection = _squashed(text)
    if len(selection) < 2:
        raise ValidationError({"text": "Select or enter the text to redact."})
    if len(selection) > MAX_SELECTION:
        raise ValidationError({"text": f"Redact at most {MAX_SELECTION} characters at a time."})
    stored = document.pages.filter(number=page).values_list("text", flat=True).first()
    if stored is None:
        raise ValidationError({"page": f"This document has no page {page}."})
    if not contains(stored, selection):
        raise ValidationError(
            {"text": f"“{selection[:80]}” is not on page {page}. Select text from the page."}
        )
    if document.personal_data_flags.filter(
        page=page, text=selection, status=FlagStatus.REDACT
    ).exists():
        raise ValidationError({"text": "This text is already being redacted on this page."})
    flag = PersonalDataFlag.objects.create(
        document=document,
        page=page,
        kind=PersonalDataKind.OTHER,
        text=selection,
        context=_context(stored, selection),
        source=FlagSource.SELECTED,
        status=FlagStatus.REDACT,
        created_by=user,
        resolved_by=user,
        resolved_at=timezone.now(),
    )
    _decisions_changed(document)
    return flag


def _context(page_text: str, selection: str, width: int = 60) -> str:
    match = tolerant_pattern(selection).search(page_text)
    if match is None:
        return ""
    return _squashed(page_text[max(0, match.start() - width) : match.end() + width])


def public_copy_request(*, document_id: int, user: User | None = None) -> RedactionJob | None:
    """Queue the making of a document's public copy, if it is ready for one and needs it.

    Ready: processed with text, nothing left to check. Needed: no copy yet, or
    one made with other decisions. Safe to call at any time and more than once.
    """
    with transaction.atomic():
        document = ReviewDocument.objects.select_for_update().filter(pk=document_id).first()
        if (
            document is None
            or not document.is_current
            or not document.has_original
            or document.status != DocumentStatus.READY
            or document.personal_data_flags.filter(status=FlagStatus.OPEN).exists()
            or public_copy_is_current(document)
        ):
            return None
        job, created = RedactionJob.objects.select_for_update().get_or_create(
            document=document, defaults={"progress_total": document.page_count}
        )
        if not created and job.status in (RedactionStatus.QUEUED, RedactionStatus.REDACTING):
            return job  # already waiting, or under way (a run asks again when it ends)
        job.status, job.message, job.error = RedactionStatus.QUEUED, "Waiting for a worker", ""
        job.progress_current, job.progress_total = 0, document.page_count
        job.requested_by = user or job.requested_by
        job.save()
        transaction.on_commit(lambda: public_copy_enqueue(document_id=document.pk))
    return job


def public_copy_enqueue(*, document_id: int) -> bool:
    """Send the public copy's making to the workers; with the queue down, say so on its job."""
    from ..tasks import make_public_copy

    try:
        make_public_copy.delay(document_id)
    except BrokerUnavailable:
        logger.warning("Could not queue the public copy of document %s", document_id)
        RedactionJob.objects.filter(document_id=document_id, status=RedactionStatus.QUEUED).update(
            status=RedactionStatus.QUEUE_DOWN, updated_at=timezone.now()
        )
        return False
    return True


@transaction.atomic
def document_original_delete(*, user: User, document: ReviewDocument) -> ReviewDocument:
    """Delete the original PDF for good, keeping the public copy (administrators only).

    Only once the public copy carries every decision: afterwards no redaction
    can be undone or added, since the copy can no longer be made again.
    """
    document = ReviewDocument.objects.select_for_update().get(pk=document.pk)
    if not can_delete_original(user):
        raise PermissionDenied("Only administrators can delete an original.")
    if not document.has_original:
        raise ValidationError("The original has already been deleted.")
    if (
        not public_copy_is_current(document)
        or document.personal_data_flags.filter(status=FlagStatus.OPEN).exists()
    ):
        raise ValidationError(
            "Finish checking personal data and wait for the public copy before deleting the "
            "original: without it the public copy cannot be made again."
        )
    # The OCR'd copy of a scan holds the original's text too: it goes with it.
    names = [name for name in (document.file.name, document.ocr_copy.name) if name]
    storage = document.file.storage
    document.file = document.ocr_copy = ""
    document.original_deleted_at = timezone.now()
    document.save(update_fields=["file", "ocr_copy", "original_deleted_at"])
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return document
