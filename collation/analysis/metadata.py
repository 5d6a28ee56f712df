"""Propose a review's metadata from its title page and introduction.

Pure text processing over page texts: no database. Each proposal carries the
page it was read from, so an analyst can check it. A field is proposed only
when the text states it in a recognisable way (an empty field is better than
a wrong value accepted unread). Where each field is looked for:

* board, title, child pseudonym, lead reviewer, publication date: the title
  page (the first page with text), then the first pages;
* incident, child's age band and sex, abuse categories: paragraphs of the
  first pages that name the child, so that the statutory criteria every
  report quotes ("where a child has died or been seriously harmed") never count;
* review model: the methodology, by its name;
* agencies: the list introduced by "the following agencies contributed" (or
  similar), mapped to the platform's agency categories, plus the board itself.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from collation.analysis.recommendations import agency_category_for, strip_furniture
from collation.analysis.suggestions.passages import passages_split
from collation.choices import AbuseCategoryCode, ChildAgeBand, ChildSex, Incident, ReviewModel

#: Pages read for the introduction's facts.
INTRODUCTION_PAGES = 8

_LSCB = "LSCB / applicable to all agencies involved"
_NATIONAL = "Regional or national"


@dataclass(frozen=True)
class Proposal:
    value: Any
    page: int


# fmt: off
_NUMBER_WORDS = {word: n for n, word in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
])}
_MONTHS = {name: n for n, name in enumerate([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
], start=1)}
# fmt: on
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_PSEUDONYM = re.compile(r"\b(?:Child|Baby|Young Person|Infant|Sibling)\s+[A-Z]{1,2}\d?\b")
_REFERRED_AS = re.compile(r"referred to (?:here |in this report )?as ['‘“]?([A-Z][a-z]+)['’”]?")
_NAME = (
    r"((?:(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof)\.?\s+)?[A-Z][a-zA-Z'’\-]+"
    r"(?:\s+[A-Z][a-zA-Z'’\-]+){1,2})"
)
_REVIEWER = re.compile(
    r"(?:independent\s+)?(?:lead\s+)?(?:reviewer|author|overview\s+author)s?\s*[:\-–]\s*"
    + _NAME
    + r"|(?:written|authored|led)\s+by\s+(?:the\s+independent\s+reviewer\s+)?"
    + _NAME,
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"(?:published|publication\s+date|date\s+of\s+publication|date\s+published)\s*:?\s*(?:on\s+)?"
    r"([0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{4}|[0-9]{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+[0-9]{4}"
    r"|[A-Za-z]+\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4})",
    re.IGNORECASE,
)
_REVIEW_KINDS = re.compile(
    r"\b(serious case review|(?:local )?child safeguarding practice review|case review)\b", re.I
)
# In order of precedence: a hybrid review mentions IMRs and systems too.
_MODELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), str(value))
    for pattern, value in (
        (r"(?i:appreciative\s+inquiry)", ReviewModel.APPRECIATIVE_INQUIRY),
        (r"(?i:significant\s+incident\s+learning\s+process)|\bSILP\b", ReviewModel.SILP),
        (r"(?i:\bhybrid\b)", ReviewModel.HYBRID_SYSTEMS),
        # Both methods named in one sentence: "IMRs combined with a systems approach".
        (
            r"(?i:(?:\bIMRs?\b|individual management review)[^.]{0,150}\bsystems"
            r"|\bsystems\b[^.]{0,150}(?:\bIMRs?\b|individual management review))",
            ReviewModel.HYBRID_SYSTEMS,
        ),
        (
            r"(?i:learning\s+together|systems\s+(?:model|approach|methodology)\b)|\bSCIE\b",
            ReviewModel.SCIE_SYSTEMS,
        ),
        (r"(?i:individual\s+management\s+reviews?)|\bIMRs?\b", ReviewModel.IMR_OVERVIEW),
    )
)
_DEATH = re.compile(
    r"\b(?:died|death|dead|killed|took (?:his|her|their) own life|suicide|fatal(?:ly)?)\b", re.I
)
_HARM = re.compile(
    r"\b(?:seriously (?:injured|harmed|hurt|assaulted)|serious (?:harm|injur\w*|assault)"
    r"|injur\w*|exploited|abused|overdose|admitted to hospital|assaulted|stabbed|fracture\w*)\b",
    re.I,
)
_ABUSE: tuple[tuple[str, str], ...] = (
    (
        r"sexual(?:ly)?\s+(?:abuse|abused|exploit\w*|assault\w*)|\brape[ds]?\b|\bCSE\b",
        AbuseCategoryCode.SEXUAL,
    ),
    (
        r"physical\s+abuse|injur(?:y|ies)\s+inflicted|inflicted\s+injur\w*|non[- ]accidental"
        r"|\bassault(?:ed)?\b|head\s+injur\w*|fracture\w*|stabbed|beaten|shaken",
        AbuseCategoryCode.PHYSICAL,
    ),
    (
        r"\bneglect\w*|unsafe\s+sleep\w*|co-?sleep\w*|sleeping\s+on\s+a\s+sofa|malnourish\w*"
        r"|left\s+alone",
        AbuseCategoryCode.NEGLECT,
    ),
    # A young person's suicide or overdose is recorded as emotional harm.
    (
        r"emotional\s+abuse|coercive\s+control|own\s+life|suicide|overdose|self[- ]harm",
        AbuseCategoryCode.EMOTIONAL,
    ),
)
_MALE = re.compile(r"\b(?:boy|son|young man|male|brother|his|he|him)\b", re.I)
_FEMALE = re.compile(r"\b(?:girl|daughter|young woman|female|sister|her|she)\b", re.I)
# "the letter has no connection with his real name"
_REAL_NAME = re.compile(r".{0,200}?\b(his|her)\s+(?:real|actual|own|true)\s+name\b")
_CHILD_NOUN = re.compile(r"\b(boy|girl|son|daughter|young man|young woman)\b", re.I)
_LIST_CUE = re.compile(
    r"(?:contributed|contributions|took part|were involved|information (?:was )?(?:provided|"
    r"submitted)|provided by|participated)\b[^:]{0,60}:$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•▪◦●○■\-–*]|\d{1,2}[.)])\s+")
_NOTIFIED = re.compile(
    r"\b(?:notif\w+|informed|told)\b[^.]{0,80}\b(?:Ofsted|Department for Education|DfE"
    r"|National (?:Child Safeguarding Practice Review )?Panel|Secretary of State)\b"
    r"|\b(?:Ofsted|National Panel)\b[^.]{0,40}\bnotif\w+",
    re.IGNORECASE,
)


def metadata_propose(
    pages: Sequence[tuple[int, str]], *, boards: Sequence[str], agencies: Sequence[str]
) -> dict[str, Proposal]:
    """Proposed metadata, by field, for ``(page number, text)`` pages; only fields found."""
    texts = [(n, " ".join(t.split())) for n, t in pages if t.strip()][:INTRODUCTION_PAGES]
    if not texts:
        return {}
    first_page, title_text = texts[0]
    title_lines = [line.strip() for line in dict(pages)[first_page].split("\n") if line.strip()]
    proposals: dict[str, Proposal] = {}

    board = _board(texts, boards)
    if board:
        proposals["board"] = board
    pseudonym = _pseudonym(title_lines, texts, first_page)
    if pseudonym:
        proposals["child_pseudonym"] = pseudonym
        kind = _REVIEW_KINDS.search(title_text)
        if kind:
            title = f"{kind.group(1).title()}: {pseudonym.value}"
            proposals["title"] = Proposal(title, first_page)
    for field, finder in (("lead_reviewer", _reviewer), ("publication_date", _published)):
        found = finder(texts)
        if found:
            proposals[field] = found
    model = _first_match(texts, _MODELS)
    if model:
        proposals["review_model"] = model
    if pseudonym:
        # Paragraphs, not pages: a title page's lines have no full stops to end a sentence.
        paragraphs = [(p.page, p.text) for p in passages_split(pages[:INTRODUCTION_PAGES])]
        proposals.update(_about_the_child(paragraphs, pseudonym.value))
    involved = _agencies(pages, agencies, board is not None)
    if involved:
        proposals["agencies"] = involved
    return proposals


def _canonical_board(name: str, *, loose: bool) -> str:
    """A board's name with its kind abbreviated ("LSCB"); ``loose`` merges the kinds."""
    name = " ".join(re.sub(r"[’']", "", name.lower()).split())
    name = re.sub(r"\blocal safeguarding children(?:s)? board\b", "lscb", name)
    name = re.sub(r"\bsafeguarding children(?:s)? (?:board|partnership)\b", "scb", name)
    return re.sub(r"\b(?:lscb|scb|safeguarding partnership)\b", "scb", name) if loose else name


def _board(texts: list[tuple[int, str]], boards: Sequence[str]) -> Proposal | None:
    """The longest board name that the first pages contain: as written, then as a variant."""
    forms = (
        str.lower,
        partial(_canonical_board, loose=False),
        partial(_canonical_board, loose=True),
    )
    for form in forms:
        for number, text in texts[:3]:
            found = [board for board in boards if form(board) in form(text)]
            if found:
                return Proposal(max(found, key=len), number)
    return None


def _pseudonym(
    title_lines: list[str], texts: list[tuple[int, str]], first_page: int
) -> Proposal | None:
    for line in title_lines:
        match = _PSEUDONYM.fullmatch(line) or _PSEUDONYM.search(line)
        if match and len(line) < 80:
            return Proposal(match.group(0), first_page)
    # Otherwise the "Child X" the first pages name most, from the page it first appears on.
    mentions = [(m.group(0), n) for n, text in texts for m in _PSEUDONYM.finditer(text)]
    if mentions:
        name = Counter(name for name, _ in mentions).most_common(1)[0][0]
        return Proposal(name, next(n for found, n in mentions if found == name))
    for number, text in texts:
        match = _REFERRED_AS.search(text)
        if match:
            return Proposal(match.group(1), number)
    return None


def _reviewer(texts: list[tuple[int, str]]) -> Proposal | None:
    for number, text in texts[:3]:
        match = _REVIEWER.search(text)
        if match:
            name = match.group(1) or match.group(2)
            # A name runs until the next field on a title page ("Mary Haldane Published").
            words = name.split()
            while words and words[-1].lower() in {"published", "publication", "date", "report"}:
                words.pop()
            if len(words) >= 2:
                return Proposal(" ".join(words), number)
    return None


def _published(texts: list[tuple[int, str]]) -> Proposal | None:
    for number, text in texts[:3]:
        for match in _PUBLISHED.finditer(text):
            day = _date(match.group(1))
            if day:
                return Proposal(day, number)
    return None


def _date(text: str) -> datetime.date | None:
    """A full date written as 22/09/2014, 22 September 2014 or September 22, 2014."""
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text.replace(",", " "))
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    try:
        if numeric:
            day, month, year = map(int, numeric.groups())
            return datetime.date(year, month, day)
        parts = text.split()
        if parts[0].isdigit() and parts[1].lower() in _MONTHS:
            return datetime.date(int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0]))
        if parts[0].lower() in _MONTHS and parts[1].isdigit():
            return datetime.date(int(parts[2]), _MONTHS[parts[0].lower()], int(parts[1]))
    except (ValueError, IndexError):
        return None
    return None


def _first_match(
    texts: list[tuple[int, str]], patterns: tuple[tuple[re.Pattern[str], str], ...]
) -> Proposal | None:
    """The first pattern (in order of precedence) found in the first pages."""
    for pattern, value in patterns:
        for number, text in texts:
            if pattern.search(text):
                return Proposal(value, number)
    return None


def _sentences_naming(texts: list[tuple[int, str]], name: str) -> list[tuple[int, str]]:
    split = ((n, sentence) for n, text in texts for sentence in re.split(r"(?<=[.!?])\s+", text))
    return [(n, sentence) for n, sentence in split if name in sentence]


def _about_the_child(texts: list[tuple[int, str]], name: str) -> dict[str, Proposal]:
    """Incident, age band, sex and abuse categories from the sentences that name the child."""
    proposals: dict[str, Proposal] = {}
    sentences = _sentences_naming(texts, name)
    for number, sentence in sentences:
        if "incident" not in proposals:
            if _DEATH.search(sentence):
                proposals["incident"] = Proposal(str(Incident.DEATH), number)
            elif _HARM.search(sentence):
                proposals["incident"] = Proposal(str(Incident.SERIOUS_HARM), number)
            if "incident" in proposals:
                found = [
                    str(code) for pattern, code in _ABUSE if re.search(pattern, sentence, re.I)
                ]
                if found:
                    proposals["abuse_categories"] = Proposal(sorted(found), number)
        if "child_age_band" not in proposals:
            band = _age_band(sentence)
            if band:
                proposals["child_age_band"] = Proposal(band, number)
                noun = _CHILD_NOUN.search(sentence)
                if noun:
                    male = noun.group(1).lower() in {"boy", "son", "young man"}
                    proposals["child_sex"] = Proposal(
                        str(ChildSex.MALE if male else ChildSex.FEMALE), number
                    )
    for number, text in texts if "child_sex" not in proposals else ():
        named = re.search(re.escape(name) + _REAL_NAME.pattern, text, re.IGNORECASE)
        if named:
            male = named.group(1).lower() == "his"
            proposals["child_sex"] = Proposal(
                str(ChildSex.MALE if male else ChildSex.FEMALE), number
            )
            break
    if "child_sex" not in proposals:
        sex = _sex_from_pronouns(sentences, name)
        if sex:
            proposals["child_sex"] = sex
    return proposals


def _age_band(sentence: str) -> str | None:
    months = re.search(_NUMBER + r"[- ](?:months?|weeks?|days?)[- ]old", sentence, re.I)
    if months:
        return str(ChildAgeBand.UNDER_1)
    years = re.search(
        _NUMBER + r"[- ]years?[- ]old|\baged\s+" + _NUMBER + r"\b(?!\s+(?:at|when))", sentence, re.I
    )
    if not years:
        return None
    word = (years.group(1) or years.group(2)).lower()
    age = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    for band, low, high in (
        (ChildAgeBand.UNDER_1, 0, 0),
        (ChildAgeBand.AGE_1_5, 1, 5),
        (ChildAgeBand.AGE_6_10, 6, 10),
        (ChildAgeBand.AGE_11_15, 11, 15),
        (ChildAgeBand.AGE_16_17, 16, 17),
    ):
        if low <= age <= high:
            return str(band)
    return None


def _sex_from_pronouns(sentences: list[tuple[int, str]], name: str) -> Proposal | None:
    """He or she in sentences that start with the child's name, when one clearly wins."""
    counts = Counter()
    page = {}
    for number, sentence in sentences:
        if not sentence.startswith(name):
            continue
        rest = sentence[len(name) :]
        for sex, pattern in ((ChildSex.MALE, _MALE), (ChildSex.FEMALE, _FEMALE)):
            hits = len(pattern.findall(rest))
            counts[str(sex)] += hits
            if hits:
                page.setdefault(str(sex), number)
    if not counts:
        return None
    (best, top), *rest = [*counts.most_common(), ("", 0)]
    if top >= 2 and top >= 3 * rest[0][1]:
        return Proposal(best, page[best])
    return None


def _agencies(
    pages: Sequence[tuple[int, str]], agencies: Sequence[str], board_found: bool
) -> Proposal | None:
    """The agency categories of the organisations the review lists as contributing."""
    page_lines = [(n, [" ".join(x.split()) for x in t.split("\n") if x.strip()]) for n, t in pages]
    lines = strip_furniture(page_lines[: INTRODUCTION_PAGES + 2])
    known = set(agencies)
    for i, (number, line) in enumerate(lines):
        if not _LIST_CUE.search(line):
            continue
        found: list[str] = []
        for _, item in lines[i + 1 :]:
            if not _BULLET.match(item):
                break
            category = agency_category_for(_BULLET.sub("", item))
            if category in known and category not in found:
                found.append(category)
        if found:
            if board_found and _LSCB in known and _LSCB not in found:
                found.insert(0, _LSCB)
            if (
                _NATIONAL in known
                and _NATIONAL not in found
                and any(
                    _NOTIFIED.search(" ".join(t.split())) for _, t in pages[:INTRODUCTION_PAGES]
                )
            ):
                found.append(_NATIONAL)
            return Proposal(found, number)
    return None
