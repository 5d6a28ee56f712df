"""What the detector learns about a report as a whole before it looks for items.

The board's names and places (its contact details are not personal data),
the report's authors and signatories (public names), and the words it uses in
lower case (a capitalised word also used in lower case, such as "Working",
is no evidence of a name). Read from the reading and the running lines: a
running header often names the board.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .lexicon import HARD_STOP, PSEUDONYM, RELATIVE, TITLES
from .reading import sentence_before, squash


@dataclass
class Document:
    lowercase_words: set[str]  # words the report uses in lower case (ordinary words)
    board_names: list[str]
    board_places: set[str]  # "upperford" for "Upperford Local Safeguarding Children Board"
    board_patterns: list[re.Pattern[str]]
    public_names: set[str]  # authors, casefolded, without titles


# A word, with any possessive ending ("Smith's", "Jones'"): see strip_possessive.
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-][^\W\d_])*(?:['’]s?)?")
LINK_RE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
BOARD_NAME_RE = re.compile(
    r"(?:[A-Z][\w'’\-]+[ \t]+){1,4}(?:Local[ \t]+)?Safeguarding[ \t]+(?:Children|Adults)[ \t]+"
    r"(?:Board|Partnership)|[A-Z][\w'’\-]+[ \t]+(?:LSCB|LSCP|SCB|SCP|SAB)\b"
)
# Every board name has one of these in it.
_BOARD_KEYWORD_RE = re.compile(r"Safeguarding|LSCB|LSCP|SCB|SCP|SAB")


def strip_possessive(word: str) -> str:
    """``word`` without a possessive ending ("Smith's", "Jones'"): what
    ``re.sub(r"['’]s?$", "", word)`` leaves, with string tests, which are quicker."""
    if word.endswith(("'", "’")):
        return word[:-1]
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word


def document_facts(
    texts: list[str], board_name: str | None, public_names: Iterable[str]
) -> Document:
    """The board, the authors and the ordinary words of a report whose text is ``texts``."""
    board_names: list[str] = []
    if board_name and board_name.strip():
        board_names.append(squash(board_name))
    for text in texts:
        for match in board_name_matches(text):
            words = squash(match.group()).split()
            # "LSCB Local Safeguarding Children Board" in a glossary is no board's name.
            while words and (words[0].isupper() or words[0] in HARD_STOP):
                words = words[1:]
            if len(words) >= 2 and " ".join(words) not in board_names:
                board_names.append(" ".join(words))
    board_places = set()
    for name in board_names:
        first = name.split()[0]
        if not first.isupper() and first not in HARD_STOP:
            board_places.add(first.casefold())
    patterns = [
        re.compile(r"\s+".join(re.escape(word) for word in name.split()), re.IGNORECASE)
        for name in board_names
    ]
    names = {name_key(name) for name in public_names if name.strip()}
    for text in texts:
        names |= author_names(text)
    return Document(lowercase_words(texts), board_names, board_places, patterns, names)


def lowercase_words(texts: Iterable[str]) -> set[str]:
    """The words the report uses in lower case, casefolded, without possessive endings.

    A report has some 150,000 words but only a few thousand different ones, so
    this reads the words of each different white-space-separated chunk once.
    That gives the same words as reading the pages: a word never has white
    space in it, and white space is neither a letter, an apostrophe nor a hyphen,
    so where a word starts and ends within a chunk does not depend on what is
    around the chunk.
    """
    chunks: set[str] = set()
    for text in texts:
        chunks.update(text.split())
    # Words of e-mail addresses and links are no evidence of ordinary words. A
    # link never holds white space, so taking links out of each chunk is taking
    # them out of the text (and much quicker than running LINK_RE through it).
    links = {chunk for chunk in chunks if "@" in chunk or "http" in chunk or "www." in chunk}
    chunks = (chunks - links) | {LINK_RE.sub(" ", chunk) for chunk in links}
    # A chunk of letters alone is one word (most are): only the others need
    # WORD_RE to find their words. (Every letter is a character WORD_RE takes.)
    words = {chunk for chunk in chunks if chunk.isalpha()}
    words.update(WORD_RE.findall(" ".join(chunks - words)))
    # Possessive endings off and case folded for all the words at once: quicker
    # than word by word, and the same (a word holds no line break, and case
    # folding, unlike lower-casing, looks at no character's neighbours).
    lower = "\n".join(word for word in words if word[:1].islower())
    return set(_POSSESSIVE_ENDS.sub("", lower).casefold().split("\n")) if lower else set()


_POSSESSIVE_ENDS = re.compile(r"['’]s?$", re.MULTILINE)


def board_name_matches(text: str) -> Iterator[re.Match[str]]:
    """``BOARD_NAME_RE.finditer(text)``, reading only the lines with a board
    keyword in them: a board name never runs over a line break, and has a
    keyword in it."""
    line_end = -1
    for keyword in _BOARD_KEYWORD_RE.finditer(text):
        if keyword.start() < line_end:
            continue  # a line already read
        line_start = text.rfind("\n", 0, keyword.start()) + 1
        line_end = text.find("\n", keyword.end())
        if line_end < 0:
            line_end = len(text)
        yield from BOARD_NAME_RE.finditer(text, line_start, line_end)


def name_key(name: str) -> str:
    words = [w for w in squash(name).replace(".", "").split() if w not in TITLES]
    return " ".join(words).casefold()


_AUTHOR_ROLE = (
    r"(?:independent\s+)?(?:lead\s+)?(?:reviewer|author|chair(?:man|woman|person)?|"
    r"overview\s+report\s+writer|report\s+writer|director|head\s+of|business\s+manager|"
    r"board\s+manager|vice[\s\-]chair|scrutineer)"
)
AUTHOR_BEFORE = re.compile(
    rf"(?:{_AUTHOR_ROLE}s?\s*(?:[:\-–]|\bwas\b|\bis\b)?|written\s+by|prepared\s+by|authored\s+by|"
    r"signed(?:\s+by)?|chaired\s+by)\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+)?$",
    re.IGNORECASE,
)
AUTHOR_AFTER = re.compile(
    rf"^[ \t]*(?:,|\(|\n|–|-)\s*(?:the\s+|an?\s+)?{_AUTHOR_ROLE}\b", re.IGNORECASE
)
_AUTHOR_NAME_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?[ \t]+)?"
    r"(?P<name>[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?"
    r"(?:[ \t]+[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?){1,3})"
)


# Every match of AUTHOR_BEFORE and AUTHOR_AFTER has one of these words in it,
# case ignored ("head" for "head of").
_AUTHOR_CUES = (
    "reviewer",
    "author",
    "chair",
    "writer",
    "written",
    "director",
    "head",
    "manager",
    "scrutineer",
    "signed",
    "prepared",
)
_AUTHOR_CUE_RE = re.compile("|".join(_AUTHOR_CUES), re.IGNORECASE)
# ``str.lower`` keeps every character in its place and turns each that matches
# an ASCII letter when case is ignored into that letter, except these three:
# capital I with a dot becomes two characters; dotless i and long s stay as they
# are but match "i" and "s". (A regex that ignores case is slow to run through a
# whole page; ``str.lower`` and ``str.find`` are quick.)
CASE_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def _author_cues(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has one of _AUTHOR_CUES, case ignored, in order."""
    if any(char in text for char in CASE_EXCEPTIONS):
        return [match.span() for match in _AUTHOR_CUE_RE.finditer(text)]
    lower = text.lower()
    spans = []
    for cue in _AUTHOR_CUES:
        at = lower.find(cue)
        while at >= 0:
            spans.append((at, at + len(cue)))
            at = lower.find(cue, at + 1)
    return sorted(spans)


def author_names(text: str) -> set[str]:
    """Names given as the report's authors or signatories: "Independent Lead
    Reviewer: Mary Haldane", "written by ...", a name on its own line above
    "Independent Chair", "Jane Smith, Lead Reviewer".

    Only lines near an author cue are read: a name counts only with a cue in the
    80 characters before it on its line or in the 80 after it, and a name never
    runs over a line break, so the lines from 80 characters before a cue to the
    end of the cue's line hold every name that can count.
    """
    names: set[str] = set()
    read_to = 0  # the start of the first line not read yet
    for cue_start, cue_end in _author_cues(text):
        if cue_end < read_to:
            continue  # its line has been read
        start = max(read_to, text.rfind("\n", read_to, max(0, cue_start - 80)) + 1)
        end = text.find("\n", cue_end)
        if end < 0:
            end = len(text)
        if start < end:
            names |= author_names_in(text, start, end)
        read_to = max(read_to, end + 1)
    return names


def author_names_in(text: str, start: int, end: int) -> set[str]:
    names: set[str] = set()
    for match in _AUTHOR_NAME_RE.finditer(text, start, end):
        if any(word in HARD_STOP for word in match.group("name").split()):
            continue
        line_before = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        after = text[match.end() : match.end() + 80]
        if AUTHOR_BEFORE.search(line_before) or AUTHOR_AFTER.match(after):
            names.add(name_key(match.group("name")))
    return names


# ---------------------------------------------------------------------------
# Whose contact details

# A contact detail near one of these is a person's, whatever else is near.
PERSONAL_CUE = re.compile(
    rf"\b(?:{RELATIVE}|family|family's|household|his|her|their|home|mobile|personal|neighbour|"
    rf"lived|living|moved|resident)\b|{PSEUDONYM}",
    re.IGNORECASE,
)
# Organisation signals for contact details; board names are added per document.
ORG_CUE = re.compile(
    r"\b(?:published\s+by|contact\s+us|contact\s+details|further\s+information|enquiries|"
    r"helpline|childline|NSPCC|switchboard|registered\s+office|head\s+office|website|www\.|"
    r"safeguarding\s+(?:children|adults)\s+(?:board|partnership)|LSCB|LSCP|"
    r"county\s+hall|town\s+hall|city\s+hall|civic\s+centre|council\s+(?:offices|house))",
    re.IGNORECASE,
)


# How far either side of a contact detail its line (and the line before) is
# read: lines are far shorter, and on a text of one endless line each item
# must not read all of it.
_REACH = 400


def is_organisational(text: str, start: int, end: int, document: Document) -> bool:
    """True if a contact detail is the board's or another organisation's.

    An organisation signal (the board's name, a civic building, "published
    by", "contact us") earlier in the item's sentence, on its line or the line
    before, with no family word after it, or one later on the same line with no
    family word earlier in the sentence.
    """
    floor = max(0, start - _REACH)
    line_start = text.rfind("\n", floor, start)
    window_start = max(floor, text.rfind("\n", floor, line_start) + 1) if line_start > 0 else floor
    # ...and in the same sentence: the helpline in the sentence before is not
    # whose address this is.
    before = sentence_before(text, start, start - window_start)
    signals = [ORG_CUE, *document.board_patterns]
    signal_end = max((m.end() for p in signals for m in p.finditer(before)), default=-1)
    if signal_end >= 0:
        return not PERSONAL_CUE.search(before[signal_end:])
    line_end = text.find("\n", end, end + _REACH)
    after = text[end : line_end if line_end >= 0 else end + _REACH]
    if any(p.search(after) for p in signals):
        return not PERSONAL_CUE.search(sentence_before(text, start))
    return False
