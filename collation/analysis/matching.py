"""Finding a chosen passage in extracted text, whatever its line breaks and spacing.

A passage selected in a browser, a flag's text and the text read back from a
public copy can differ in white space only: a line break where the other has
a space, a hyphenated date split over two lines ("04-\\n11-2008"), spaces lost
where glyphs were removed. Matching ignores white space entirely, as the
redaction engine does (``collation.pdf.redaction.locate``), and is otherwise
exact.
"""

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
