"""Finding a chosen passage in extracted text, whatever its line breaks and spacing.

A passage selected in a browser, a flag's text and the text read back from a
public copy can differ in white space only: a line break where the other has
a space, a hyphenated date split over two lines ("04-\\n11-2008"), spaces lost
where glyphs were removed. Matching ignores white space entirely, as the
redaction engine does (``collation.pdf.redaction.locate``), and is otherwise
exact.
"""

import functools
import re


def tolerant_pattern(text: str) -> re.Pattern[str] | None:
    """A pattern for ``text`` that allows any white space (or none) between its characters."""
    characters = [character for character in text if not character.isspace()]
    if not characters:
        return None
    return re.compile(r"\s*".join(re.escape(character) for character in characters))


def contains(haystack: str, text: str) -> bool:
    """Whether ``text`` stands in ``haystack``, white space aside."""
    pattern = tolerant_pattern(text)
    return pattern is not None and pattern.search(haystack) is not None


_SPACE = re.compile(r"\s+")  # \s is str.isspace(): the white space split() drops


_SPACES = re.compile(r"\s*")
_STEP = 64


@functools.cache
def _non_spaces(count: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\s*\S){{{count}}}")  # at most _STEP patterns, made once


def _nth_non_space(haystack: str, start: int, end: int, n: int) -> int:
    """The position of the ``n``-th (from 0) character after ``start`` that is not space."""
    position = start
    while n:
        step = min(n, _STEP)
        position = _non_spaces(step).match(haystack, position, end).end()
        n -= step
    return _SPACES.match(haystack, position, end).end()


def find(haystack: str, text: str, start: int = 0, end: int | None = None):
    """Where ``text`` first stands in ``haystack[start:end]``, white space aside.

    Returns (first, after): the positions in ``haystack`` of its first character
    and one past its last, or None. The same match as ``tolerant_pattern``'s,
    found by taking white space out of both sides instead: compiling that
    pattern for a paragraph takes milliseconds, this a fraction of one.
    """
    needle = "".join(text.split())
    end = len(haystack) if end is None else end
    at = _SPACE.sub("", haystack[start:end]).find(needle) if needle else -1
    if at < 0:
        return None
    last = _nth_non_space(haystack, start, end, at + len(needle) - 1)
    return _nth_non_space(haystack, start, end, at), last + 1
