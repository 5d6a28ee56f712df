"""Plain-English readability figures for a report.

textstat is pinned at 0.7.8: later releases download language data at run
time, which this platform must never do.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import textstat


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    words_per_sentence: float
    syllables_per_word: float


def readability_measure(texts: Iterable[str]) -> Readability | None:
    """Flesch reading ease and average sentence and word length; None if no words."""
    text = "\n".join(texts)
    words = textstat.lexicon_count(text, removepunct=True)
    if not words:
        return None
    sentences = max(textstat.sentence_count(text), 1)
    syllables = textstat.syllable_count(text)
    return Readability(
        flesch_reading_ease=round(textstat.flesch_reading_ease(text), 1),
        words_per_sentence=round(words / sentences, 1),
        syllables_per_word=round(syllables / words, 2),
    )
