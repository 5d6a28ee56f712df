"""Runs of capitalised words: where a name may stand.

The first step of finding names (``names.py`` takes it from here): the runs of
two or more capitalised words, with "de", "van"... inside, across a line
break too ("Kwame\\nKelly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import WORD_RE, strip_possessive
from .lexicon import PARTICLES


@dataclass(slots=True)
class Token:
    text: str  # without a possessive ending
    start: int
    end: int
    possessive: bool
    capitalised: bool


def token(whole: str, start: int) -> Token:
    """A word found by ``WORD_RE`` at ``start`` as a token: capitalised if it
    starts with a capital and has a lower-case letter after it ("McDonald", not "UK")."""
    word = strip_possessive(whole)
    rest = word[1:]
    if rest.isascii():  # most words: the same test, quicker
        capitalised = word[0].isupper() and rest != rest.upper()
    else:
        capitalised = word[0].isupper() and any(ch.islower() for ch in rest)
    return Token(word, start, start + len(word), word != whole, capitalised)


# The next word when it is next to the one before in a name: after spaces or
# one line break (and no possessive before: ``_next_in_run`` checks that). The
# word is what ``WORD_RE`` reads where it starts.
_NEXT_WORD = re.compile(rf"[ \t]*\n?[ \t]*(?P<word>{WORD_RE.pattern})")


_LONGEST_PARTICLE = max(map(len, PARTICLES)) + 2  # and a possessive ending


def _next_in_run(text: str, previous: Token) -> Token | None:
    """The word after ``previous`` if it is next to it in a name and may go on a
    run (it is not a lower-case word other than a particle), else None."""
    if previous.possessive:
        return None
    match = _NEXT_WORD.match(text, previous.end)
    if match is None:
        return None
    word = match.group("word")
    if "a" <= word[0] <= "z" and (
        len(word) > _LONGEST_PARTICLE or strip_possessive(word) not in PARTICLES
    ):
        return None  # most words; spares making a token of them
    return token(word, match.start("word"))


# Where a run of two or more words may start. Tokenising a whole text in Python
# was the slowest step of all, and most words are lower case or stand alone, so
# one regex finds the few places worth tokenising instead: a word that may be
# capitalised (a first letter other than a-z, and a letter other than A-Z after
# it), with no possessive ending and spaces or one line break after it, then a
# next word that may be capitalised too or may be a particle ("de", "van"). It
# matches wherever a run of two or more words starts (and maybe a few places
# more), and ``runs`` then reads the run word by word.
#
# The lookbehinds make it start only where ``WORD_RE.finditer`` over the text
# starts a word: at a letter that follows neither a letter nor an apostrophe or
# hyphen after a letter (which ``WORD_RE`` would have taken into the word
# before). So ``WORD_RE.match`` there reads the same word as reading the text
# from its start. The next word is only looked at, not taken, so every word is
# tried as a start. The first character class (A-Z or anything not ASCII) is
# cheap for the regex engine to skip along; the first lookbehind narrows it to
# letters. The possessive quantifiers ("*+") spare the engine giving letters
# back when the next word does not fit: no letter given back could be a gap.
_MAYBE_CAPITALISED = r"(?:[A-Z]|['’\-][A-Z])*+(?:[^\W\d_A-Z]|['’\-][^\W\d_A-Z])"
RUN_START_RE = re.compile(
    r"[A-Z\x80-\U0010ffff](?<=[^\W\d_])(?<![^\W\d_].)(?<![^\W\d_]['’\-].)"
    rf"{_MAYBE_CAPITALISED}(?:[^\W\d_]|['’\-][^\W\d_])*+"
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?=[^\W\d_a-z]{_MAYBE_CAPITALISED}|d[aeiu]|van|von|der|den|l[ae]|bin|ibn|[ae]l|a[pb])"
)


def runs(text: str) -> list[list[Token]]:
    """Runs of two or more capitalised words (with "de", "van"... inside) that may
    hold a name.

    The same runs, word for word, as reading every word of the text left to
    right and starting a run at each capitalised word not already in one, less
    the one-word runs (which hold no candidate): a run of two or more words
    starts at a ``RUN_START_RE`` match, and later matches inside it are skipped.
    """
    found = []
    covered = 0  # end of the last run: starts before it are inside it
    for start in RUN_START_RE.finditer(text):
        if start.start() < covered:
            continue
        first = token(WORD_RE.match(text, start.start()).group(), start.start())
        if not first.capitalised:
            continue
        run = [first]
        following = _next_in_run(text, first)
        while following is not None:
            if following.capitalised:
                run.append(following)
            elif following.text in PARTICLES:
                # "Maria de la Cruz": one or two particles, then a capitalised word.
                particles = [following]
                following = _next_in_run(text, following)
                while following is not None and following.text in PARTICLES and len(particles) <= 2:
                    particles.append(following)
                    following = _next_in_run(text, following)
                if following is None or len(particles) > 2 or not following.capitalised:
                    break
                run += [*particles, following]
            else:
                break
            following = _next_in_run(text, run[-1])
        covered = run[-1].end
        if len(run) > 1:
            found.append(run)
    return found
