"""A review's summary, in the NSPCC repository's style: "Learning themes include: …" and
"Recommendations include: …".

The draft is extracted, never generated: its themes are the practice issues (and the
causes) of the review's verified codings, most frequent first, and its recommendations
are the first few found in the review's public documents, each cut to its first
sentence. An analyst checks and edits it before saving; the saved text is what shows.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..models import Cause, Coding, Recommendation, Review
from ..rules import can_edit_summary
from ..visibility import coding_counted_q

THEMES = 3
RECOMMENDATIONS = 3
# Long enough for three themes and three recommendations; short enough to read in a
# search result.
SUMMARY_MAX_LENGTH = 2000
# A recommendation's first sentence, cut further if it runs on.
RECOMMENDATION_MAX_LENGTH = 200

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")
_SPACES = re.compile(r"\s+")
# The numbering a report puts before a recommendation: "Recommendation 3:", "3.", "(b)".
_NUMBERING = re.compile(
    r"^(?:recommendation\s*\d+[a-z]?\s*[:.\-–—]?|\(?\d+[a-z]?[.):]|\(?[a-z][.)])\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SummaryDraft:
    text: str
    theme_count: int
    recommendation_count: int


def _current_documents_of(review: Review) -> dict:
    # Replaced documents and those held back while personal data is checked feed nothing.
    return {
        "document__review": review,
        "document__superseded_by__isnull": True,
        "document__withheld_at__isnull": True,
    }


def _themes(review: Review) -> list[str]:
    """The practice issues of the verified codings, most often coded first, each with the
    cause those codings give most often."""
    # Only verified codings: an unverified one never reaches a public summary.
    codings = Coding.objects.filter(coding_counted_q(), **_current_documents_of(review))
    issue_counts = Counter(codings.values_list("issue_id", flat=True))
    if not issue_counts:
        return []
    cause_counts = Counter(
        Cause.objects.filter(codings__in=codings).values_list("issue_id", "pk", "text")
    )
    top_cause = {}
    for (issue_id, _pk, text), _count in cause_counts.most_common():
        top_cause.setdefault(issue_id, text)
    issues = {
        coding.issue_id: coding.issue
        for coding in codings.select_related("issue").order_by("issue__position")
    }
    chosen = sorted(issue_counts, key=lambda pk: (-issue_counts[pk], issues[pk].code))[:THEMES]
    themes = []
    for pk in chosen:
        theme = f"{_sentence_case(issues[pk].title)} ({issues[pk].code})"
        if pk in top_cause:
            theme += f", because {_lower_first(_without_full_stop(top_cause[pk]))}"
        themes.append(theme)
    return themes


def _recommendations(review: Review) -> list[str]:
    """The first few public recommendations, each cut to a sentence, without repeats.

    Only a public document's: its personal data is decided and struck from the
    recommendations quoting it, which a draft's may still hold (so a draft review's
    summary starts with its themes alone).
    """
    texts = (
        Recommendation.objects.public()
        .filter(document__review=review)
        .order_by("document_id", "position")
    )
    chosen, seen = [], set()
    for text in texts.values_list("text", flat=True).iterator():
        sentence = first_sentence(text)
        key = sentence.casefold().rstrip(".")
        if not sentence or key in seen:
            continue
        seen.add(key)
        chosen.append(sentence)
        if len(chosen) == RECOMMENDATIONS:
            break
    return chosen


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its numbering and with whitespace tidied,
    cut at a word if it runs on."""
    text = _NUMBERING.sub("", _SPACES.sub(" ", text).strip())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) > RECOMMENDATION_MAX_LENGTH:
        cut = sentence[:RECOMMENDATION_MAX_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
        sentence = f"{cut}…"
    elif sentence and sentence[-1] not in ".!?":
        sentence += "."
    return sentence


def _sentence_case(text: str) -> str:
    text = _without_full_stop(_SPACES.sub(" ", text).strip())
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    # Keep acronyms (GP, CAMHS) as written; lower an ordinary capitalised first word.
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]


def _without_full_stop(text: str) -> str:
    return text.strip().rstrip(".")


def summary_draft(*, review: Review) -> SummaryDraft:
    """Draft the summary from the review's verified codings and its recommendations.

    A review with neither gives an empty draft: there is nothing yet to summarise.
    """
    themes = _themes(review)
    recommendations = _recommendations(review)
    parts = []
    if themes:
        parts.append("Learning themes include: " + "; ".join(themes) + ".")
    if recommendations:
        parts.append("Recommendations include: " + " ".join(recommendations))
    return SummaryDraft("\n\n".join(parts), len(themes), len(recommendations))


def _normalised(text: str) -> str:
    # Paragraphs are kept; stray spaces and Windows line endings are not.
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "\n\n".join(_SPACES.sub(" ", p).strip() for p in paragraphs if p.strip())


@transaction.atomic
def summary_save(*, user: User, review: Review, text: str, drafted: bool = False) -> Review:
    """Save an analyst's summary. ``drafted``: the text started from a fresh draft."""
    if not can_edit_summary(user):
        raise PermissionDenied("Only analysts can change a review's summary.")
    text = _normalised(text)
    if not text:
        raise ValidationError({"summary": "Enter the review's summary"})
    if len(text) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {"summary": f"Summary must be {SUMMARY_MAX_LENGTH:,} characters or fewer"}
        )
    now = timezone.now()
    review.summary = text
    review.summary_edited_at = now
    review.summary_edited_by = user
    if drafted:
        review.summary_drafted_at = now
    # A published review's save bumps the public version (scr_platform/public_changes.py),
    # so cached public pages show the new summary at once.
    review.save(
        update_fields=[
            "summary",
            "summary_edited_at",
            "summary_edited_by",
            "summary_drafted_at",
            "updated_at",
        ]
    )
    return review
