"""Reads for checking personal data: what is left to check, and each flag in its context."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..analysis.matching import tolerant_pattern
from ..choices import FlagStatus
from ..models import PersonalDataFlag, Review

PASSAGE_CHARS = 280


@dataclass(frozen=True)
class CheckProgress:
    total: int
    left: int

    @property
    def done(self) -> int:
        return self.total - self.left


def review_check_flags(*, review: Review) -> QuerySet[PersonalDataFlag]:
    """Every flag on the review's current documents, in reading order."""
    return (
        PersonalDataFlag.objects.filter(
            document__review=review, document__superseded_by__isnull=True
        )
        .exclude(status=FlagStatus.REPLACED)
        .select_related("document", "resolved_by")
        .order_by("document__kind", "document__uploaded_at", "page", "pk")
    )


def review_check_progress(*, review: Review) -> CheckProgress:
    counts = review_check_flags(review=review).aggregate(
        total=Count("pk"), left=Count("pk", filter=Q(status=FlagStatus.OPEN))
    )
    return CheckProgress(total=counts["total"], left=counts["left"])


def next_open_flag(*, review: Review, after: PersonalDataFlag | None = None):
    """The next flag to check in reading order (after ``after``, wrapping round), or None."""
    open_flags = list(review_check_flags(review=review).filter(status=FlagStatus.OPEN))
    if not open_flags:
        return None
    if after is not None:
        keys = [(f.document.kind, f.document.uploaded_at, f.page, f.pk) for f in open_flags]
        mine = (after.document.kind, after.document.uploaded_at, after.page, after.pk)
        for flag, key in zip(open_flags, keys, strict=True):
            if key > mine:
                return flag
    return open_flags[0]


def flag_passage(*, flag: PersonalDataFlag) -> SafeString:
    """The flag's text marked in the page it stands on, with the words around it."""
    page_text = (
        flag.document.pages.filter(number=flag.page).values_list("text", flat=True).first() or ""
    )
    pattern = tolerant_pattern(flag.text)
    match = pattern.search(page_text) if pattern else None
    if match is None:  # e.g. already struck from the public copy's text
        return mark_safe(f"…{escape(flag.context)}…" if flag.context else "")
    start = max(0, match.start() - PASSAGE_CHARS)
    end = min(len(page_text), match.end() + PASSAGE_CHARS)
    before = ("…" if start else "") + page_text[start : match.start()]
    after = page_text[match.end() : end] + ("…" if end < len(page_text) else "")
    return mark_safe(f"{escape(before)}<mark>{escape(match.group(0))}</mark>{escape(after)}")
