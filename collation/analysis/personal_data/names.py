"""Full names: two to four capitalised words, also across a line break, that
are not an organisation, a place, a heading or a named author.

A candidate (from the runs of ``name_runs.py``) passes if none of its words is
used in lower case elsewhere in the report (so "Working Together" or
"Domestic Abuse" are not names), or if it stands right next to a family word
("the grandmother, Julie Yates", "Mr S (Darren Whitfield)", "Denise Kershaw,
Child L's maternal grandmother"), or if it shares a surname with a name
already flagged ("Mrs Burrows" too then). Names in capitals count only next to
a family word.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .document import AUTHOR_AFTER, AUTHOR_BEFORE, Document
from .findings import PersonalDataKind, Span
from .lexicon import (
    HARD_STOP,
    HEAD_ORG_WORDS,
    ORG_WORDS,
    PARTICLES,
    PERSONAL_TITLES,
    PLACE_WORDS,
    PROFESSIONAL_TITLES,
    PSEUDONYM,
    RELATIVE,
    TITLES,
)
from .name_runs import Token, runs
from .reading import Disjoint, matches

_PROFESSION = (
    r"(?:social\s+worker|health\s+visitor|GP|nurse|midwife|officer|manager|teacher|"
    r"head\s*teacher|paediatrician|consultant|reviewer|chair|author|psychiatrist|psychologist|"
    r"practitioner|worker|doctor|director|detective|sergeant|solicitor|barrister|clerk|coroner|"
    r"safeguarding\s+lead|lead\s+professional|head\s+of\s+\w+|co-?ordinator|advis[eo]r|therapist|counsellor|"
    r"caseworker|paramedic|registrar|surgeon|physician|clinician|guardian|principal|SENCO|IRO)"
)
# A role right before the name ("the social worker, X", "PC X") or right after
# it ("X, the designated safeguarding lead"): a professional, not family.
_PROFESSIONAL_BEFORE = re.compile(
    rf"\b(?:PC|DC|DS|DI|DCI|WPC|{_PROFESSION})\s*[:,]?\s*$", re.IGNORECASE
)
# After the name, up to three describing words may come before the role ("X,
# a newly qualified social worker", "X, the allocated health visitor").
_PROFESSIONAL_AFTER = re.compile(
    r"^\s*(?:,|\()\s*(?:the\s+|a\s+|an\s+)?(?:[a-z][a-z\-]*\s+){0,3}?"
    rf"{_PROFESSION}\b",
    re.IGNORECASE,
)
_CITATION_AFTER = re.compile(r"^\s*(?:\(\s*(?:19|20)\d\d|et\s+al\b|,\s*(?:19|20)\d\d\b)")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|around|across|within|throughout|towards|outside|"
    r"(?:moved|moving|move|relocated|travelled|returned)\s+(?:back\s+)?to)\s*$",
    re.IGNORECASE,
)
# A family word right before the name: "the grandmother, X", "Mother (X)",
# "in the name of X", "Mr S (X)", "records list X".
_FAMILY_BEFORE = re.compile(
    rf"(?:\b{RELATIVE}(?:['’]s)?(?:\s+(?:is|was|named|called))?\s*[,:(]?"
    r"|\bin\s+the\s+name\s+of|\bfull\s+name,?|\bnamed\s+(?:in\s+[\w\s]{1,30}?\s+)?as"
    r"|\b(?:known|referred\s+to)\s+as|\brecords?\s+(?:list|for)|\bentries\s+for"
    r"|\baddressed\s+to|\bcontact(?:ed)?|\bletters?\s+(?:to|for)"
    rf"|{PSEUDONYM}\s*\()\s*$",
    re.IGNORECASE,
)
# A family word right after it: "X, Child L's maternal grandmother", "X, an
# older sibling", "X, the baby's father", "X, Mother in this report", "X, who
# is referred to as ...".
_FAMILY_AFTER = re.compile(
    r"^(?:['’]s?)?\s*(?:,|\(|–|-)\s*(?:(?:Child|Baby|Mr|Mrs|Ms|Miss)\s+[A-Z]['’]s\s+|the\s+|an?\s+|"
    r"his\s+|her\s+|their\s+)?(?:[a-z]+['’]s?\s+)?(?:(?:older|younger|elder|eldest|youngest|"
    r"maternal|paternal|"
    rf"half[\W_]?|step-?)\s*)*{RELATIVE}\b"
    r"|^\s*,?\s*(?:who\s+(?:is|was)\s+)?(?:referred\s+to|known)\s+(?:in\s+this\s+report\s+)?as\b"
    rf"|^\s*,\s*{PSEUDONYM}\s+in\s+this\s+report",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]{1,9})\.?[ \t]*\n?[ \t]*$")
PERSONAL_TITLE_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+(?P<surname>[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?)"
)
PERSONAL_TITLE_STARTS = re.compile(r"M(?<!\w.)(?=r|s|iss|x)")  # for matches()


@dataclass
class _Candidate:
    start: int
    end: int
    words: list[str]
    blocked: bool  # an author, a professional, a citation, an organisation: never flagged
    plain: bool  # nothing about it says it is not a name
    cued: bool  # a family word stands right next to it


def _candidates(text: str, document: Document) -> list[_Candidate]:
    candidates = []
    for run in runs(text):
        # Split the run at words that are never part of a name, and after a possessive.
        pieces: list[list[int]] = [[]]
        for i, token in enumerate(run):
            if token.text in HARD_STOP or len(token.text) < 2:
                pieces.append([])
                continue
            pieces[-1].append(i)
            if token.possessive:
                pieces.append([])
        for piece in pieces:
            if len(piece) < 2:
                continue  # no name in one word (most pieces)
            for part in _line_parts(text, run, piece):
                if len(part) < 2:
                    continue  # no name in one word
                candidate = _best_candidate(text, run, part, document)
                if candidate is not None:
                    candidates.append(candidate)
    return candidates


def _line_parts(text: str, run: list[Token], piece: list[int]) -> list[list[int]]:
    """A piece too long for a name is a list, one name a line: split it at line breaks."""
    if len(piece) <= 4:
        return [piece]
    parts: list[list[int]] = [[piece[0]]]
    for previous, index in itertools.pairwise(piece):
        if "\n" in text[run[previous].end : run[index].start]:
            parts.append([])
        parts[-1].append(index)
    return parts


def _best_candidate(
    text: str, run: list[Token], piece: list[int], document: Document
) -> _Candidate | None:
    """The piece as a name, or without place words at its ends ("May Kerry Tranter")."""
    best = None
    for window, inner_place in windows([run[i].text for i in piece]):
        candidate = _candidate(text, run, [piece[i] for i in window], inner_place, document)
        if candidate.blocked:
            return None
        if candidate.plain or candidate.cued:
            return candidate
        best = best or candidate  # kept for the surname rule
    return best


def _starts_line(text: str, at: int) -> bool:
    """Whether only white space stands between the line's start and ``at``."""
    while at > 0 and text[at - 1] != "\n" and text[at - 1].isspace():
        at -= 1
    return at == 0 or text[at - 1] == "\n"


_MOST_TRIMMED = 4  # place words left out at either end of a name ("May Kerry Tranter": 1)


def windows(words: list[str]) -> list[tuple[list[int], bool]]:
    """The windows of two to four of ``words`` that may be a name, in order (from
    the left, the longest first), each with whether a place word is inside it.

    A window may leave out only place words at either end, and no more than
    ``_MOST_TRIMMED`` of them at each. Only windows near the ends can, so however
    long a run of capitalised words is, few are tried.
    """
    size = len(words)
    lead = next((n for n, word in enumerate(words) if word not in PLACE_WORDS), size)
    trail = next((n for n, word in enumerate(reversed(words)) if word not in PLACE_WORDS), size)
    lead, trail = min(lead, _MOST_TRIMMED), min(trail, _MOST_TRIMMED)
    found = []
    # It starts after place words only (start <= lead), ends before place words
    # only (end >= size - trail), and is two to four words long.
    for start in range(max(0, size - trail - 4), min(lead, size - 2) + 1):
        for end in range(min(size, start + 4), max(start + 1, size - trail) - 1, -1):
            if end - start >= 2 and words[start] not in PARTICLES:
                window = list(range(start, end))
                found.append((window, any(words[i] in PLACE_WORDS for i in window)))
    return found


def _candidate(
    text: str, run: list[Token], window: list[int], inner_place: bool, document: Document
) -> _Candidate:
    names = [run[i] for i in window]
    start, end = names[0].start, names[-1].end
    words = [t.text for t in names]
    key = " ".join(words).casefold()
    before = text[max(0, start - 80) : start]
    title_match = _TITLE_BEFORE.search(before)
    title = title_match.group(1) if title_match and title_match.group(1) in TITLES else None
    if title_match and title:
        before = before[: title_match.start()]
    after = text[end : end + 80]

    # "Harbour Domestic Abuse Service": the run goes on to an organisation word.
    # A name that fills its line is a list item: the next line is another item.
    whole_line = _starts_line(text, start) and text[end : end + 1] in {"\n", ""}
    followed_by_org = False
    for token in run[window[-1] + 1 : window[-1] + 4]:
        if whole_line and "\n" in text[end : token.start]:
            break
        if token.text in ORG_WORDS:
            followed_by_org = True
            break
        if token.text not in HARD_STOP:
            break
    # Welsh names of organisations start with the noun: "Ysgol Gynradd Llanfair".
    if window[0] > 0 and run[window[0] - 1].text in HEAD_ORG_WORDS:
        followed_by_org = True

    blocked = (
        followed_by_org
        or key in document.public_names
        or any(
            key.endswith(" " + name) or name.endswith(" " + key) for name in document.public_names
        )
        or any(" ".join(words) in board for board in document.board_names)
        or title in PROFESSIONAL_TITLES
        or bool(_CITATION_AFTER.match(after))
        or bool(_PROFESSIONAL_BEFORE.search(before))
        or bool(_PROFESSIONAL_AFTER.match(after))
        or bool(AUTHOR_BEFORE.search(before.rsplit("\n", 1)[-1]))
        or bool(AUTHOR_AFTER.match(after))
    )
    ordinary = any(
        part.casefold() in document.lowercase_words
        for word in words
        if word not in PARTICLES
        for part in [word, *word.split("-")]
    )
    plain = not (
        ordinary
        or inner_place
        or _LOCATIVE_BEFORE.search(before)
        or any(word.casefold() in document.board_places for word in words)
    )
    cued = (
        title in PERSONAL_TITLES
        or bool(_FAMILY_BEFORE.search(before))
        or bool(_FAMILY_AFTER.match(after))
    )
    return _Candidate(start, end, words, blocked, plain, cued)


_CAPITALS_WORD = r"[A-Z]{2,}(?:['’\-][A-Z]{2,})?"
CAPITALS_NAME = re.compile(
    rf"(?<![\w'’\-]){_CAPITALS_WORD}(?:[ \t]+\n?[ \t]*{_CAPITALS_WORD}){{1,3}}(?![\w'’\-])"
)
# For _matches: a word in capitals, then white space and another.
CAPITALS_STARTS = re.compile(
    r"[A-Z](?<![\w'’\-].)(?=[A-Z]+(?:['’\-][A-Z]{2,})?[ \t]+\n?[ \t]*[A-Z]{2})"
)


def _capitals_names(text: str) -> list[_Candidate]:
    """Names in capitals ("the mother, MARY SMITH"), only right next to a family word:
    capitals are mostly headings and abbreviations."""
    out = []
    for match in matches(CAPITALS_NAME, CAPITALS_STARTS, text):
        words = match.group().split()
        if any(w.capitalize() in HARD_STOP or len(w) < 3 for w in words):
            continue
        if not all(re.search(r"[AEIOUY]", w) for w in words):
            continue  # abbreviations: "CSC", "NFA"
        before = text[max(0, match.start() - 80) : match.start()]
        after = text[match.end() : match.end() + 80]
        if _FAMILY_BEFORE.search(before) or _FAMILY_AFTER.match(after):
            out.append(_Candidate(match.start(), match.end(), words, False, False, True))
    return out


def find_names(texts: list[str], document: Document) -> list[list[Span]]:
    """The names in each of ``texts`` (the reading, then each running line).

    The surname rule reads across all of them: a surname flagged anywhere makes
    another full name with it, and "Mrs Burrows", a name everywhere. A title and
    a surname alone count next to a family word too ("Mrs Pike (maternal
    grandmother)").
    """
    accepted: list[list[_Candidate]] = [[] for _text in texts]
    doubtful: list[tuple[int, _Candidate]] = []
    for index, text in enumerate(texts):
        for candidate in _candidates(text, document):
            if candidate.blocked:
                continue
            if candidate.plain or candidate.cued:
                accepted[index].append(candidate)
            else:
                doubtful.append((index, candidate))

    surnames = {c.words[-1] for found in accepted for c in found if c.words[-1] not in PLACE_WORDS}
    for index, candidate in doubtful:
        given = candidate.words[:-1]
        if candidate.words[-1] in surnames and not any(
            w.casefold() in document.lowercase_words or w in PLACE_WORDS for w in given
        ):
            accepted[index].append(candidate)
    spans: list[list[Span]] = []
    for text, found in zip(texts, accepted, strict=True):
        found += _capitals_names(text)
        taken = Disjoint()
        for candidate in found:
            taken.add(candidate.start, candidate.end)
        for match in matches(PERSONAL_TITLE_SURNAME, PERSONAL_TITLE_STARTS, text):
            if (
                (match.group("surname") in surnames or _title_cued(text, match))
                and not _professional(text, match)
                and taken.add(match.start(), match.end())
            ):
                found.append(_Candidate(match.start(), match.end(), [], False, True, True))
        spans.append([Span(PersonalDataKind.NAME, c.start, c.end) for c in found])
    return spans


def _title_cued(text: str, match: re.Match[str]) -> bool:
    """A title and surname ("Mrs Pike") right next to a family word."""
    surname = match.group("surname")
    if surname in HARD_STOP or surname in PLACE_WORDS:
        return False
    before = text[max(0, match.start() - 80) : match.start()]
    return bool(
        _FAMILY_AFTER.match(text[match.end() : match.end() + 80]) or _FAMILY_BEFORE.search(before)
    )


def _professional(text: str, match: re.Match[str]) -> bool:
    """A title and surname with a role next to it ("Mr Greaves, the head of year")."""
    before = text[max(0, match.start() - 80) : match.start()]
    after = text[match.end() : match.end() + 80]
    return bool(_PROFESSIONAL_AFTER.match(after) or _PROFESSIONAL_BEFORE.search(before))
