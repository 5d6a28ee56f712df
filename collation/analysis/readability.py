"""Plain-English readability figures for a report.

Flesch reading ease = 206.835 − 1.015 × (words per sentence) − 84.6 ×
(syllables per word). Sentences and syllables are counted by textstat (pinned
at 0.7.8: later releases download language data at run time, which this
platform must never do). A report repeats its vocabulary, so syllables are
counted once per distinct word, which makes a 400-page report ten times
faster to measure than passing the whole text to textstat.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import textstat

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    words_per_sentence: float
    syllables_per_word: float


@lru_cache(maxsize=100_000)
def _syllables(word: str) -> int:
    return max(textstat.syllable_count(word), 1)


def readability_preload() -> None:
    """Load textstat's dictionaries once per process (a worker's start): the
    first syllable count otherwise takes seconds, on the first document."""
    textstat.syllable_count("preload")
    textstat.sentence_count("Preload the sentence counter. Once.")


def readability_measure(texts: Iterable[str]) -> Readability | None:
    """Flesch reading ease and average sentence and word length; None if no words."""
    text = "\n".join(texts)
    words = Counter(WORD.findall(text.lower()))
    word_count = sum(words.values())
    if not word_count:
        return None
    sentences = max(textstat.sentence_count(text), 1)
    syllables = sum(_syllables(word) * count for word, count in words.items())
    words_per_sentence = word_count / sentences
    syllables_per_word = syllables / word_count
    return Readability(
        flesch_reading_ease=round(
            206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word, 1
        ),
        words_per_sentence=round(words_per_sentence, 1),
        syllables_per_word=round(syllables_per_word, 2),
    )
