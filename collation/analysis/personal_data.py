"""Flag likely personal data in a report's text so a board manager can clear it.

A pure function over page texts (no database, no language model, nothing
downloaded): regular expressions for the shapes personal data takes, and
context rules that tell a family's details from the board's published contact
details, pseudonyms ("Child D", "Mr W"), organisations, places, headings, the
report's own authors and ordinary event dates.

What is flagged:

- **Full names**: two to four capitalised words, also across a line break,
  that are not an organisation, a place, a heading or a named author. A
  candidate passes if none of its words is used in lower case elsewhere in the
  report (so "Working Together" or "Domestic Abuse" are not names), or if it
  stands right next to a family word ("the grandmother, Julie Yates", "Mr S
  (Darren Whitfield)", "Denise Kershaw, Child L's maternal grandmother"), or
  if it shares a surname with a name already flagged ("Mrs Burrows" too then).
- **Dates of birth**: a full date only when introduced as one ("born on",
  "DOB", "date of birth"). Publication and event dates are not flagged.
- **Addresses** (a house number and street, or the parts before a postcode),
  **postcodes** on their own, UK **phone numbers** (mobile and geographic;
  freephone and other non-geographic numbers are organisations'), **e-mail
  addresses**.
- **NHS numbers**: ten digits (usually 3-3-4) whose modulus-11 check digit is
  right; a number whose check digit fails is not an NHS number.

Contact details are not flagged when they are the board's or another
organisation's: after the board's name, a civic building ("County Hall") or a
"published by" / "contact us" cue on the same line or the line before, or an
e-mail to a role mailbox ("enquiries@", "scb.admin@") or the board's domain. A
family word between ("the mother's mobile", "gave his address") always wins.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

CONTEXT_CHARS = 60
# Recorded on each document it checks; published documents are checked again
# (recheck_personal_data) whenever it changes.
DETECTOR_VERSION = "1"


class PersonalDataKind(StrEnum):
    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    NHS_NUMBER = "nhs_number"


@dataclass(frozen=True)
class PersonalDataFinding:
    kind: PersonalDataKind
    text: str  # exactly the page text from ``start`` to ``end``; may hold a line break
    page: int
    start: int  # offsets in that page's text
    end: int
    context: str  # about 60 characters either side, whitespace squashed to spaces


class _Page(Protocol):
    number: int
    text: str


def nhs_number_is_valid(digits: str) -> bool:
    """True if ``digits`` (spaces and hyphens allowed) is ten digits whose
    modulus-11 check digit is right."""
    value = re.sub(r"[\s\-]", "", digits)
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    return check != 10 and check == int(value[9])


def personal_data_find(
    pages: Iterable[tuple[int, str]] | Iterable[_Page],
    *,
    board_name: str | None = None,
    public_names: Iterable[str] = (),
) -> list[PersonalDataFinding]:
    """Every likely item of personal data in ``pages``, in page and text order.

    ``pages`` are ``(number, text)`` pairs or ``ExtractedPage`` objects.
    ``board_name`` helps recognise the board's own address, phone and e-mail
    (boards named in the text are recognised anyway). ``public_names`` (the
    lead reviewer, the chair) are never flagged; authors named as such in the
    text ("Lead Reviewer: ...", a signature above "Independent Chair") are
    recognised without being told.
    """
    page_list = [_page_tuple(page) for page in pages]
    document = _document_facts(page_list, board_name, public_names)

    per_page: list[list[PersonalDataFinding]] = []
    for number, text in page_list:
        per_page.append(
            _find_emails(number, text, document)
            + _find_nhs_numbers(number, text)
            + _find_phones(number, text, document)
            + _find_dates_of_birth(number, text)
            + _find_addresses(number, text, document)
        )
    for index, candidate in _find_names(page_list, document):
        number, text = page_list[index]
        per_page[index].append(
            _finding(PersonalDataKind.NAME, number, text, candidate.start, candidate.end)
        )
    return [finding for findings in per_page for finding in _resolve_overlaps(findings)]


def _page_tuple(page: tuple[int, str] | _Page) -> tuple[int, str]:
    if isinstance(page, tuple):
        return int(page[0]), str(page[1])
    return int(page.number), str(page.text)


def _finding(
    kind: PersonalDataKind, page: int, text: str, start: int, end: int
) -> PersonalDataFinding:
    around = text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
    return PersonalDataFinding(kind, text[start:end], page, start, end, _squash(around))


# When two findings cover the same text, the more specific kind wins.
_PRIORITY = {
    PersonalDataKind.ADDRESS: 0,
    PersonalDataKind.EMAIL: 1,
    PersonalDataKind.NHS_NUMBER: 2,
    PersonalDataKind.DATE_OF_BIRTH: 3,
    PersonalDataKind.PHONE: 4,
    PersonalDataKind.POSTCODE: 5,
    PersonalDataKind.NAME: 6,
}


def _resolve_overlaps(findings: list[PersonalDataFinding]) -> list[PersonalDataFinding]:
    ranked = sorted(findings, key=lambda f: (_PRIORITY[f.kind], f.start - f.end, f.start))
    kept: list[PersonalDataFinding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found faster.

    A pattern that opens with a lookbehind or an optional group makes the regex
    engine try a match at every character of the page. ``starts``, one
    character wide and opening with a character class (which the engine skips
    along quickly), finds every place where a match of ``pattern`` can start,
    and maybe more; ``pattern`` is tried only there, in order and never inside a
    match already found, just as ``finditer`` does. (``pattern.match`` at a
    position still sees the text before it for lookbehinds and ``\\b``.) For
    patterns that never match the empty string.
    """
    end = 0
    for start in starts.finditer(text):
        if start.start() >= end:
            match = pattern.match(text, start.start())
            if match:
                end = match.end()
                yield match


# ---------------------------------------------------------------------------
# Word lists


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _words(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Rev Reverend Revd Cllr Councillor
    Judge Justice Sergeant Sgt Inspector Detective Constable Nurse Sister St Saint"""
)
_PERSONAL_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx"}
_PROFESSIONAL_TITLES = _TITLES - _PERSONAL_TITLES - {"St", "Saint"}

_FUNCTION_WORDS = _words(
    """A An The And Or But Nor Of In On At To For From By With Without Within Into Onto Over Under
    Above Below After Before Between During Following Since Until Upon About Across Against Along
    Among Around Behind Beyond Despite Except Inside Outside Through Throughout Toward Towards Via
    This That These Those It Its He She They Them His Her Hers Their Theirs We Our Ours You Your I
    Me My Mine Who Whom Whose Which What When Where While Whilst Why How If Unless Although Though
    However Therefore Thus Also Yet So Then Once There Here Both Either Neither Each Every All Any
    Some Several Many Much Most More Less Few Other Another Such No Not Only Own Same Than Too
    Very Can Could Might Must Shall Should Will Would Is Are Was Were Be Been Being Has Have Had Do
    Does Did Nobody Anyone Everyone Someone Nothing Everything Anything Something As Like Per
    Further Furthermore Moreover Overall Finally Firstly Secondly Thirdly Lastly Next Later
    Earlier Subsequently Meanwhile Instead Indeed Even Just Still Already Again Always Never
    Often Sometimes Perhaps Because Whether Yes Please Thank Thanks Dear Regards Yours One Two
    Three Four Five Six Seven Eight Nine Ten First Second Third Fourth Fifth Last New Old"""
)
_CALENDAR_WORDS = _words(
    """January February March July September October November December Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas
    Easter Spring Autumn Winter Term Year Month Week Day Today"""
)
_FAMILY_WORDS = _words(
    """Mother Mum Father Dad Parent Parents Stepfather Stepmother Sibling Siblings Half Brother
    Sister Grandmother Grandfather Grandparent Grandparents Grandma Grandpa Nan Maternal Paternal
    Aunt Uncle Cousin Nephew Niece Partner Boyfriend Girlfriend Husband Wife Son Daughter Carer
    Carers Family Families Household Child Children Baby Babies Boy Girl Infant Young Person
    People Adult Adults Subject Victim Offender Perpetrator Man Woman Men Women Friend
    Neighbour"""
)
_DOCUMENT_WORDS = _words(
    """Serious Case Review Reviews Report Reports Overview Final Draft Executive Summary
    Introduction Conclusion Conclusions Recommendation Recommendations Finding Findings Appendix
    Annex Section Chapter Part Page Contents Foreword Preface Glossary References Bibliography
    Methodology Method Analysis Terms Reference Date Dates Agency Agencies Event Events Key
    Practice Episode Episodes Independent Lead Reviewer Chair Chairman Author Authors Publication
    Published Version Status Approved Document Control Abbreviation Abbreviations Meaning
    Questions Question Learning Lessons Lesson Background Chronology Timeline Table Figure Note
    Notes Source Sources Total Issue Issues Theme Themes Action Actions Plan Plans Outcome
    Outcomes Response Responses Involvement Contact Contacts Details Information Tel Telephone
    Email Mobile Fax Web Website Address Postcode Name Names Number Numbers Code Title Signed
    Signature Help Get Support Process Scope Purpose Aims Aim Objectives Context
    Acknowledgements Acknowledgement Disclaimer Copyright Statement Evidence Good Poor Strengths
    Areas Improvement Steps Step Panel Meeting Meetings Minutes Agenda Item Items Decision
    Decisions Criteria Regulation Regulations Act Acts Guidance Statutory Procedures Procedure
    Policy Policies Protocol Framework Model Tool Toolkit Assessment Assessments Conference
    Conferences Strategy Discussion Referral Referrals Notification Protection Need Needs Early
    Category Categories Level Levels Threshold Thresholds Risk Abuse Neglect Harm Death Injury
    Incident Incidents Concern Concerns Welfare Safety Safe Unsafe Voice Views Lived Experience
    Daily Life Focus Impact Practitioner Practitioners Professional Professionals Staff Workers
    Worker Manager Managers Officer Officers Doctor Midwife Health Visitor Visitors Social
    Teacher Designated Named Coroner Magistrate Advice Citizens Programme Initiative Scheme
    Pathway Pathways Futures Horizons Solutions Start Sure Working Together Call"""
)
# Words of organisations' names; they end a name ("Harbour Domestic Abuse Service").
_ORG_WORDS = _words(
    """Board Boards Council Councils Trust Trusts Foundation Hospital Hospitals Police Constabulary
    Force Service Services Academy Academies School Schools College Colleges University
    Universities Nursery Nurseries Centre Centres Center Safeguarding Local Group Groups Team
    Teams Partnership Partnerships Healthcare Health Care Community Communities Clinical
    Commissioning Homes Housing Project Projects Aid Drug Drugs Alcohol Recovery Offending Youth
    Probation Company Rehabilitation Ambulance General Department Departments Government
    Ministry Office Offices Unit Units Wards Clinic Clinics Practice Practices Surgery Authority
    Authorities County Counties District Districts City Cities Borough Boroughs Integrated
    Association Society Charity Charities Network Networks Agency Institute Institution Courts
    Prosecution Crown Tribunal Committee Panel Primary High Secondary Infant Junior Catholic
    Methodist Anglican Mosque Temple Synagogue Tots Pre-school Preschool Playgroup Federation
    Alliance Commission Commissioner Inspectorate Ofsted Cafcass Barnardo Refuge Shelter
    Childline Samaritans Relate Mind Bwrdd Ysgol Cyngor Heddlu Ysbyty Gwasanaeth Gwasanaethau
    Canolfan Prifysgol Iechyd
    Enterprise Enterprises Limited Ltd Plc Inc Corporation Holdings Industries Partners
    Solicitors Chambers Medical Dental Pharmacy Hospice Mental Children's Childrens Women's
    Womens Men's Regional National Royal State Public Private Voluntary Sector Executive
    Directorate Division Branch Town Village Region Northern Southern Eastern Western Central
    Upper Lower Great Little"""
)
# Place and street words that are also surnames ("Grace Hall"): they make a
# candidate need a family word next to it, but do not end it.
_PLACE_WORDS = _words(
    """Street Streets Road Roads Lane Lanes Avenue Avenues Drive Close Way Place Crescent Yard Rise
    Square Terrace Gardens Garden Grove Hill Hills Green Greens End Park Parks Row Walk Mews View
    Views Hall House Houses Estate Estates Lodge Cottage Cottages Farm Wharf Bridge Bridges Parade
    Quay Heights Vale Valley Wood Woods Fields Field Meadow Meadows Gate Gates Circus Broadway
    Market Precinct Buildings Building Tower Towers Court Manor Chase Croft Fold Brow Bank Banks
    Church Ward Shire North South East West Brook April May June August Summer"""
)
_HEAD_ORG_WORDS = _words(
    "Bwrdd Ysgol Cyngor Heddlu Ysbyty Gwasanaeth Gwasanaethau Canolfan Prifysgol University"
)
_HARD_STOP = (
    _FUNCTION_WORDS | _CALENDAR_WORDS | _FAMILY_WORDS | _DOCUMENT_WORDS | _TITLES | _ORG_WORDS
)
_PARTICLES = _words("de da di du van von der den la le bin ibn al el ap ab")

# Family words, for the cues below.
_RELATIVE = (
    r"(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent|son|daughter)|"
    r"(?:half[\W_]?|step-?)?(?:sibling|brother|sister)|grand(?:mother|father|parents?|ma|pa|son|"
    r"daughter)|aunt|uncle|cousin|nephew|niece|partner|ex-partner|boyfriend|girlfriend|husband|"
    r"wife|son|daughter|carer|birth\s+(?:mother|father|parent))"
)
_PSEUDONYM = r"(?:Child|Baby|Mr|Mrs|Ms|Miss|Mx|Young\s+Person|Adult)\s+[A-Z](?![\w])"

# ---------------------------------------------------------------------------
# Document-level facts


@dataclass
class _Document:
    lowercase_words: set[str]  # words the report uses in lower case (ordinary words)
    board_names: list[str]
    board_places: set[str]  # "upperford" for "Upperford Local Safeguarding Children Board"
    board_patterns: list[re.Pattern[str]]
    public_names: set[str]  # authors, casefolded, without titles


# A word, with any possessive ending ("Smith's", "Jones'"): see _strip_possessive.
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-][^\W\d_])*(?:['’]s?)?")
_LINK_RE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
_BOARD_NAME_RE = re.compile(
    r"(?:[A-Z][\w'’\-]+[ \t]+){1,4}(?:Local[ \t]+)?Safeguarding[ \t]+(?:Children|Adults)[ \t]+"
    r"(?:Board|Partnership)|[A-Z][\w'’\-]+[ \t]+(?:LSCB|LSCP|SCB|SCP|SAB)\b"
)
# Every board name has one of these in it.
_BOARD_KEYWORD_RE = re.compile(r"Safeguarding|LSCB|LSCP|SCB|SCP|SAB")


def _document_facts(
    pages: list[tuple[int, str]], board_name: str | None, public_names: Iterable[str]
) -> _Document:
    board_names: list[str] = []
    if board_name and board_name.strip():
        board_names.append(_squash(board_name))
    for _number, text in pages:
        for match in _board_name_matches(text):
            words = _squash(match.group()).split()
            # "LSCB Local Safeguarding Children Board" in a glossary is no board's name.
            while words and (words[0].isupper() or words[0] in _HARD_STOP):
                words = words[1:]
            if len(words) >= 2 and " ".join(words) not in board_names:
                board_names.append(" ".join(words))
    board_places = set()
    for name in board_names:
        first = name.split()[0]
        if not first.isupper() and first not in _HARD_STOP:
            board_places.add(first.casefold())
    patterns = [
        re.compile(r"\s+".join(re.escape(word) for word in name.split()), re.IGNORECASE)
        for name in board_names
    ]
    names = {_name_key(name) for name in public_names if name.strip()}
    for _number, text in pages:
        names |= _author_names(text)
    return _Document(_lowercase_words(pages), board_names, board_places, patterns, names)


def _lowercase_words(pages: list[tuple[int, str]]) -> set[str]:
    """The words the report uses in lower case, casefolded, without possessive endings.

    A report has some 150,000 words but only a few thousand different ones, so
    this reads the words of each different white-space-separated chunk once.
    That gives the same words as reading the pages: a word never has white
    space in it, and white space is neither a letter, an apostrophe nor a hyphen,
    so where a word starts and ends within a chunk does not depend on what is
    around the chunk.
    """
    chunks: set[str] = set()
    for _number, text in pages:
        # Words of e-mail addresses and links are no evidence of ordinary words.
        # (The test only spares pages without any the cost of _LINK_RE.)
        if "@" in text or "http" in text or "www." in text:
            text = _LINK_RE.sub(" ", text)
        chunks.update(text.split())
    words = set(_WORD_RE.findall(" ".join(chunks)))
    return {_strip_possessive(word).casefold() for word in words if word[:1].islower()}


def _board_name_matches(text: str) -> Iterator[re.Match[str]]:
    """``_BOARD_NAME_RE.finditer(text)``, reading only the lines with a board
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
        yield from _BOARD_NAME_RE.finditer(text, line_start, line_end)


def _name_key(name: str) -> str:
    words = [w for w in _squash(name).replace(".", "").split() if w not in _TITLES]
    return " ".join(words).casefold()


_AUTHOR_ROLE = (
    r"(?:independent\s+)?(?:lead\s+)?(?:reviewer|author|chair(?:man|woman|person)?|"
    r"overview\s+report\s+writer|report\s+writer|director|head\s+of|business\s+manager|"
    r"board\s+manager|vice[\s\-]chair|scrutineer)"
)
_AUTHOR_BEFORE = re.compile(
    rf"(?:{_AUTHOR_ROLE}s?\s*(?:[:\-–]|\bwas\b|\bis\b)?|written\s+by|prepared\s+by|authored\s+by|"
    r"signed(?:\s+by)?|chaired\s+by)\s*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+)?$",
    re.IGNORECASE,
)
_AUTHOR_AFTER = re.compile(
    rf"^[ \t]*(?:,|\(|\n|–|-)\s*(?:the\s+|an?\s+)?{_AUTHOR_ROLE}\b", re.IGNORECASE
)
_AUTHOR_NAME_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?[ \t]+)?"
    r"(?P<name>[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?"
    r"(?:[ \t]+[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?){1,3})"
)


# Every match of _AUTHOR_BEFORE and _AUTHOR_AFTER has one of these words in it,
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
_CASE_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def _author_cues(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has one of _AUTHOR_CUES, case ignored, in order."""
    if any(char in text for char in _CASE_EXCEPTIONS):
        return [match.span() for match in _AUTHOR_CUE_RE.finditer(text)]
    lower = text.lower()
    spans = []
    for cue in _AUTHOR_CUES:
        at = lower.find(cue)
        while at >= 0:
            spans.append((at, at + len(cue)))
            at = lower.find(cue, at + 1)
    return sorted(spans)


def _author_names(text: str) -> set[str]:
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
        start = max(read_to, text.rfind("\n", 0, max(0, cue_start - 80)) + 1)
        end = text.find("\n", cue_end)
        if end < 0:
            end = len(text)
        if start < end:
            names |= _author_names_in(text, start, end)
        read_to = max(read_to, end + 1)
    return names


def _author_names_in(text: str, start: int, end: int) -> set[str]:
    names: set[str] = set()
    for match in _AUTHOR_NAME_RE.finditer(text, start, end):
        if any(word in _HARD_STOP for word in match.group("name").split()):
            continue
        line_before = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        after = text[match.end() : match.end() + 80]
        if _AUTHOR_BEFORE.search(line_before) or _AUTHOR_AFTER.match(after):
            names.add(_name_key(match.group("name")))
    return names


# ---------------------------------------------------------------------------
# Context helpers

_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\d(‘'\"“])|[.!?]$|\n\s*\n")


def _sentence_before(text: str, start: int, limit: int = 160) -> str:
    """The text from the start of the sentence (at most ``limit`` chars) to ``start``."""
    window = text[max(0, start - limit) : start]
    ends = [match.end() for match in _SENTENCE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


# A contact detail near one of these is a person's, whatever else is near.
_PERSONAL_CUE = re.compile(
    rf"\b(?:{_RELATIVE}|family|family's|household|his|her|their|home|mobile|personal|neighbour|"
    rf"lived|living|moved|resident)\b|{_PSEUDONYM}",
    re.IGNORECASE,
)
# Organisation signals for contact details; board names are added per document.
_ORG_CUE = re.compile(
    r"\b(?:published\s+by|contact\s+us|contact\s+details|further\s+information|enquiries|"
    r"helpline|childline|NSPCC|switchboard|registered\s+office|head\s+office|website|www\.|"
    r"safeguarding\s+(?:children|adults)\s+(?:board|partnership)|LSCB|LSCP|"
    r"county\s+hall|town\s+hall|city\s+hall|civic\s+centre|council\s+(?:offices|house))",
    re.IGNORECASE,
)


def _is_organisational(text: str, start: int, end: int, document: _Document) -> bool:
    """True if a contact detail is the board's or another organisation's.

    An organisation signal (the board's name, a civic building, "published
    by", "contact us") earlier on the item's line or the line before with no
    family word after it, or one later on the same line with no family word
    earlier in the sentence.
    """
    line_start = text.rfind("\n", 0, start)
    window_start = text.rfind("\n", 0, line_start) + 1 if line_start > 0 else 0
    before = text[window_start:start]
    signals = [_ORG_CUE, *document.board_patterns]
    signal_end = max((m.end() for p in signals for m in p.finditer(before)), default=-1)
    if signal_end >= 0:
        return not _PERSONAL_CUE.search(before[signal_end:])
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end >= 0 else len(text)]
    if any(p.search(after) for p in signals):
        return not _PERSONAL_CUE.search(_sentence_before(text, start))
    return False


# ---------------------------------------------------------------------------
# E-mail addresses

_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)
_ROLE_MAILBOXES = _words(
    """admin administration board business communications complaints contact contactus dpo
    enquiries enquiry foi general hello help helpline info information lscb lscp mail media
    office press reception safeguarding safeguardingboard scb scp secretariat support
    team"""
)


def _find_emails(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings: list[PersonalDataFinding] = []
    if "@" not in text:
        return findings  # most pages: spares _EMAIL_RE, which is slow to run through text
    for match in _EMAIL_RE.finditer(text):
        start, end = match.start(), match.end()
        while text[end - 1] in ".-":
            end -= 1
        local, _, domain = text[start:end].partition("@")
        if {part.casefold() for part in re.split(r"[._\-+]", local)} & _ROLE_MAILBOXES:
            continue
        first_label = domain.split(".")[0].casefold()
        if any(place in first_label for place in document.board_places):
            continue
        if _is_organisational(text, start, end, document):
            continue
        findings.append(_finding(PersonalDataKind.EMAIL, page, text, start, end))
    return findings


# ---------------------------------------------------------------------------
# NHS numbers and phone numbers

_NHS_RE = re.compile(r"(?<![\w.])\d{3}[ \t\-]?\n?[ \t]*\d{3}[ \t\-]?\n?[ \t]*\d{4}(?![\w]|\.\d)")
# For _matches: three digits, then maybe a gap, then three more.
_NHS_STARTS = re.compile(r"\d(?<![\w.].)(?=\d\d[ \t\-]?\n?[ \t]*\d{3})")
_NHS_CUE = re.compile(r"\bNHS\b|health\s+(?:service\s+)?number", re.IGNORECASE)
_REFERENCE_CUE = re.compile(
    r"\b(?:ref(?:erence)?|case|crime|document|file|id|account|serial|incident|log|invoice|order)"
    r"\.?(?:\s+(?:no\.?|number))?\s*[:#]?\s*$",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _find_nhs_numbers(page: int, text: str) -> list[PersonalDataFinding]:
    findings = []
    for match in _matches(_NHS_RE, _NHS_STARTS, text):
        digits = _digits(match.group())
        if not nhs_number_is_valid(digits):
            continue
        if not _NHS_CUE.search(_sentence_before(text, match.start(), 80)):
            if digits.startswith("0"):
                continue  # a phone number, more likely
            if _REFERENCE_CUE.search(text[max(0, match.start() - 40) : match.start()]):
                continue  # "Document reference 570 018 7090"
        findings.append(
            _finding(PersonalDataKind.NHS_NUMBER, page, text, match.start(), match.end())
        )
    return findings


_PHONE_RE = re.compile(
    r"(?<![\w+/.])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(0|0)\d"
    r"(?:\d|[ \t\-][ \t]?(?=\d)|\)[ \t]?(?=\d)|[ \t]*\n[ \t]*(?=\d))+(?![\d/])"
)


# For _matches: "+44", "(0" and a digit, or "0" and a digit.
_PHONE_STARTS = re.compile(r"[+(0](?<![\w+/.].)(?:(?<=\+)(?=44)|(?<=\()(?=0\d)|(?<=0)(?=\d))")


def _national_number(candidate: str) -> str:
    digits = _digits(candidate)
    if candidate.startswith("+44"):
        digits = digits[2:]
        return digits if digits.startswith("0") else "0" + digits
    return digits


def _personal_phone(national: str) -> bool:
    """A UK number a person would have: mobile, geographic or personal VoIP.
    03, 08 and 09 numbers (non-geographic, freephone, premium) are
    organisations'."""
    if national.startswith(("07", "05")):
        return len(national) == 11
    if national.startswith(("01", "02")):
        return len(national) in (10, 11)
    return False


def _find_phones(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings = []
    for match in _matches(_PHONE_RE, _PHONE_STARTS, text):
        span = match.group()
        # The whole match, or the match less digit groups that run on after it.
        ends = [group.end() for group in re.finditer(r"\d+", span)]
        length = next((e for e in reversed(ends) if _personal_phone(_national_number(span[:e]))), 0)
        if not length:
            continue
        start, end = match.start(), match.start() + length
        if _REFERENCE_CUE.search(text[max(0, start - 40) : start]):
            continue
        if _is_organisational(text, start, end, document):
            continue
        findings.append(_finding(PersonalDataKind.PHONE, page, text, start, end))
    return findings


# ---------------------------------------------------------------------------
# Dates of birth

_GAP = r"[ \t]*\n?[ \t]*"  # spaces, or one line break (wrapped text)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    rf"(?<![\w/.\-])(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?P<d3>\d{{1,2}})(?P<sep>[/.\-]){_GAP}(?P<m3>\d{{1,2}})(?P=sep){_GAP}(?:\d{{4}}|\d{{2}})"
    rf")(?![\w/\-]|\.\d)"
)
_DOB_CUE = re.compile(
    r"\b(?:born|DOB|D\.O\.B|d\.o\.b|date\s+of\s+birth|birth\s*date|birthday)\b", re.IGNORECASE
)
_DOB_AFTER = re.compile(r"^[\s,]*\(?\s*(?:DOB|D\.O\.B\.?|date of birth|born)\b", re.IGNORECASE)
_DOB_GAP = 45  # characters allowed between "born on" and the date
# Every match of _DOB_CUE and _DOB_AFTER has one of these in it ("born", "birth",
# "DOB", "D.O.B"), case ignored. No character but "b", "B", "d" and "D" matches
# "b" or "d" when case is ignored, so the plain class opening it is the same, and
# lets the regex engine skip quickly to candidate places.
_DOB_HINT = re.compile(r"[bBdD](?i:orn|irth|ob|\.o\.b)")


def _date_is_valid(match: re.Match[str]) -> bool:
    if match.group("d3"):
        return 1 <= int(match.group("d3")) <= 31 and 1 <= int(match.group("m3")) <= 12
    return 1 <= int(match.group("d1") or match.group("d2")) <= 31


def _find_dates_of_birth(page: int, text: str) -> list[PersonalDataFinding]:
    findings: list[PersonalDataFinding] = []
    if not _DOB_HINT.search(text):
        return findings  # no date on the page can be a date of birth: most pages
    previous_end = 0
    for match in _DATE_RE.finditer(text):
        if not _date_is_valid(match):
            continue
        start = match.start()
        # The cue must come after any earlier date and within the sentence.
        before = _sentence_before(text, start, min(80, start - previous_end))
        previous_end = match.end()
        cued = any(len(before) - cue.end() <= _DOB_GAP for cue in _DOB_CUE.finditer(before))
        if cued or _DOB_AFTER.match(text[match.end() : match.end() + 30]):
            findings.append(
                _finding(PersonalDataKind.DATE_OF_BIRTH, page, text, start, match.end())
            )
    return findings


# ---------------------------------------------------------------------------
# Addresses and postcodes

_POSTCODE = r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\n?[ \t]*\d[ABD-HJLNP-UW-Z]{2})"
_POSTCODE_RE = re.compile(rf"(?<![A-Za-z\d]){_POSTCODE}(?![A-Za-z\d])")
_STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Close|Way|Place|Pl|Crescent|Cres|Court|Ct|"
    r"Yard|Rise|Square|Sq|Terrace|Gardens|Grove|Hill|Green|End|Park|Row|Walk|Mews|View|Parade|"
    r"Quay|Wharf|Heights|Vale|Gate|Chase|Croft|Fold|Brow|Bank|Boulevard|Circus|Broadway|Drove|"
    r"Embankment|Esplanade|Hollow|Meadow|Meadows|Mount|Passage|Path|Promenade|Ridge|Side|Spur|"
    r"Steps|Approach|Causeway|Copse|Dale|Garth|Glade|Grange|Leys|Nook|Orchard|Paddock|"
    r"Pastures|Reach|Villas|Wynd|Lea|Link)"
)
_CAP_WORD = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[A-Z]?[^\W\d_]+)?"
# A town or district word has lower case in it, so "Northtown NS1 2AB" does not
# read "NS" as a word.
_TOWN_WORD = r"[A-Z][^\W\d_]*[^\W\d_A-Z](?:['’][^\W\d_]+)?(?:-[A-Z]?[^\W\d_]+)?"
_FLAT = r"(?:Flat|Apartment|Apt|Unit|Room)\.?[ \t]+\d+[A-Za-z]?"
_HOUSE = rf"(?:{_FLAT},?{_GAP})?(?<!\d)\d{{1,3}}[A-Za-z]?"
_STREET_RE = re.compile(
    rf"(?<![\w/.,:])(?:{_HOUSE}){_GAP}(?:{_CAP_WORD}{_GAP}){{0,3}}{_STREET_WORDS}\b\.?"
)
# For _matches: a house number ("12", "12a") before a capitalised word, or a flat
# ("Flat", "Apartment", "Apt", "Unit", "Room"); a postcode's first letter.
_STREET_STARTS = re.compile(
    r"[\dFAUR](?<![\w/.,:].)"
    r"(?:(?<=\d)(?=\d{0,2}[A-Za-z]?[ \t]*\n?[ \t]*[A-Z])"
    r"|(?<=F)(?=lat)|(?<=A)(?=p)|(?<=U)(?=nit)|(?<=R)(?=oom))"
)
_POSTCODE_STARTS = re.compile(r"[A-Z](?<![A-Za-z\d].)(?=[A-Z]?\d|IR)")
_NOT_A_HOUSE = re.compile(
    r"\b(?:finding|section|chapter|recommendation|appendix|page|paragraph|episode|table|figure|"
    r"part|stage|level|step|phase|year|years|aged|age|week|weeks|day|days|month|months|number|"
    r"no|point|item|annex|question|theme|round|version)\.?\s*$",
    re.IGNORECASE,
)
_TOWN_TAIL = re.compile(
    rf"(?:,?{_GAP}(?!(?:A|An|The|And|But|Which|Who|Where)\b){_TOWN_WORD}"
    rf"(?:{_GAP}{_TOWN_WORD}){{0,2}}){{0,3}}(?:,?{_GAP}{_POSTCODE}(?![A-Za-z\d]))?"
)
_ADDRESS_PART = re.compile(
    rf"(?:(?:{_FLAT},?{_GAP})?(?<!\d)\d{{1,3}}[A-Za-z]?{_GAP})?{_CAP_WORD}(?:{_GAP}{_CAP_WORD}){{0,3}}$"
)


def _find_addresses(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings: list[PersonalDataFinding] = []
    taken: list[tuple[int, int]] = []

    def add(kind: PersonalDataKind, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        if not _address_is_organisational(text, start, end, document):
            findings.append(_finding(kind, page, text, start, end))

    # A house number and street, running on over town parts to a postcode.
    for match in _matches(_STREET_RE, _STREET_STARTS, text):
        if _NOT_A_HOUSE.search(text[max(0, match.start() - 15) : match.start()]):
            continue
        end = match.end()
        tail = _TOWN_TAIL.match(text, end)
        if tail and tail.end() > end:
            following = text[tail.end() : tail.end() + 1]
            if _POSTCODE_RE.search(tail.group()) or following in {",", ".", ";", ")", "\n", ""}:
                end = tail.end()
        add(PersonalDataKind.ADDRESS, match.start(), end)

    # A postcode, with the comma-separated parts before it.
    for match in _matches(_POSTCODE_RE, _POSTCODE_STARTS, text):
        start = _address_start(text, match.start())
        kind = PersonalDataKind.ADDRESS if start < match.start() else PersonalDataKind.POSTCODE
        add(kind, start, match.end())
    return findings


def _address_start(text: str, postcode_start: int) -> int:
    """Walk back from a postcode over address parts ("137 Kiln Way, Brookside, Town")."""
    start = postcode_start
    for _ in range(6):
        head = text[max(0, start - 80) : start].rstrip(" \t\n,")
        piece = head[head.rfind(",") + 1 :]
        match = _ADDRESS_PART.search(piece)
        if not match:
            break
        part = match.group().strip()
        words = set(re.findall(r"[^\W\d_]+", part))
        if (
            words & (_FUNCTION_WORDS | _FAMILY_WORDS | _DOCUMENT_WORDS)
            or words & {"Board", "Council", "Trust", "Partnership", "Safeguarding"}
            or any(word.isupper() and len(word) > 1 for word in words)
        ):
            break
        start = max(0, start - 80) + head.rfind(",") + 1 + match.start()
        start += len(match.group()) - len(match.group().lstrip())
        if re.match(r"\d|(?:Flat|Apartment|Apt|Unit|Room)\b", part):
            if re.match(r"\d", part):  # "Flat 5, 50 Lowther Place"
                flat = re.search(rf"{_FLAT},?{_GAP}$", text[max(0, start - 20) : start])
                if flat:
                    start = max(0, start - 20) + flat.start()
            break
        if "," not in text[max(0, start - 2) : start]:
            break  # no list of parts: this was the town before the postcode
    return start


def _address_is_organisational(text: str, start: int, end: int, document: _Document) -> bool:
    if _ORG_CUE.search(text[start:end]) and not _PERSONAL_CUE.search(_sentence_before(text, start)):
        return True  # "County Hall, Park Lane, ..."
    return _is_organisational(text, start, end, document)


# ---------------------------------------------------------------------------
# Names

_PROFESSIONAL_BEFORE = re.compile(
    r"\b(?:PC|DC|DS|DI|DCI|WPC|social\s+worker|health\s+visitor|GP|nurse|midwife|officer|"
    r"manager|teacher|head\s*teacher|paediatrician|consultant|reviewer|chair|author|"
    r"psychiatrist|psychologist|practitioner|worker|detective|sergeant)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_PROFESSIONAL_AFTER = re.compile(
    r"^\s*(?:,|\()\s*(?:the\s+|a\s+|an\s+)?(?:independent\s+|lead\s+|named\s+|designated\s+)*"
    r"(?:social\s+worker|health\s+visitor|GP|nurse|midwife|(?:police\s+)?officer|manager|teacher|"
    r"head\s*teacher|paediatrician|consultant|reviewer|chair|author|psychiatrist|psychologist|"
    r"practitioner|worker|doctor|director|detective|sergeant|solicitor|barrister|clerk|coroner)\b",
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
    rf"(?:\b{_RELATIVE}(?:['’]s)?(?:\s+(?:is|was|named|called))?\s*[,:(]?"
    r"|\bin\s+the\s+name\s+of|\bfull\s+name,?|\bnamed\s+(?:in\s+[\w\s]{1,30}?\s+)?as"
    r"|\b(?:known|referred\s+to)\s+as|\brecords?\s+(?:list|for)|\bentries\s+for"
    r"|\baddressed\s+to|\bcontact(?:ed)?|\bletters?\s+(?:to|for)"
    rf"|{_PSEUDONYM}\s*\()\s*$",
    re.IGNORECASE,
)
# A family word right after it: "X, Child L's maternal grandmother", "X, an
# older sibling", "X, Mother in this report", "X, who is referred to as ...".
_FAMILY_AFTER = re.compile(
    r"^(?:['’]s?)?\s*(?:,|\(|–|-)\s*(?:(?:Child|Baby|Mr|Mrs|Ms|Miss)\s+[A-Z]['’]s\s+|the\s+|an?\s+|"
    r"his\s+|her\s+|their\s+)?(?:(?:older|younger|elder|eldest|youngest|maternal|paternal|"
    rf"half[\W_]?|step-?)\s*)*{_RELATIVE}\b"
    r"|^\s*,?\s*(?:who\s+(?:is|was)\s+)?(?:referred\s+to|known)\s+(?:in\s+this\s+report\s+)?as\b"
    rf"|^\s*,\s*{_PSEUDONYM}\s+in\s+this\s+report",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]{1,9})\.?[ \t]*\n?[ \t]*$")
_PERSONAL_TITLE_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+(?P<surname>[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?)"
)
_PERSONAL_TITLE_STARTS = re.compile(r"M(?<!\w.)(?=r|s|iss|x)")  # for _matches


@dataclass(slots=True)
class _Token:
    text: str  # without a possessive ending
    start: int
    end: int
    possessive: bool
    capitalised: bool


@dataclass
class _Candidate:
    start: int
    end: int
    words: list[str]
    blocked: bool  # an author, a professional, a citation, an organisation: never flagged
    plain: bool  # nothing about it says it is not a name
    cued: bool  # a family word stands right next to it


def _strip_possessive(word: str) -> str:
    """``word`` without a possessive ending ("Smith's", "Jones'"): what
    ``re.sub(r"['’]s?$", "", word)`` leaves, with string tests, which are quicker."""
    if word.endswith(("'", "’")):
        return word[:-1]
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word


def _token(match: re.Match[str]) -> _Token:
    """A ``_WORD_RE`` match as a token: capitalised if it starts with a capital
    and has a lower-case letter after it ("McDonald", not "UK")."""
    whole = match.group()
    word = _strip_possessive(whole)
    capitalised = word[0].isupper() and any(ch.islower() for ch in word[1:])
    start = match.start()
    return _Token(word, start, start + len(word), word != whole, capitalised)


# The gap to the next word when the two are next to each other in a name: spaces
# or one line break (and no possessive before: ``_next_in_run`` checks that). A
# word starts at any letter after white space.
_JOIN_GAP = re.compile(r"[ \t]*\n?[ \t]*(?=[^\W\d_])")


def _next_in_run(text: str, token: _Token) -> _Token | None:
    """The word after ``token`` if it is next to it in a name and may go on a run
    (it is not a lower-case word other than a particle), else None."""
    if token.possessive:
        return None
    gap = _JOIN_GAP.match(text, token.end)  # never empty: no word ends before a letter
    if gap is None:
        return None
    match = _WORD_RE.match(text, gap.end())
    if "a" <= match.group()[0] <= "z" and _strip_possessive(match.group()) not in _PARTICLES:
        return None  # most words; spares making a token of them
    return _token(match)


# Where a run of two or more words may start. Tokenising a whole page in Python
# was the slowest step of all, and most words are lower case or stand alone, so
# one regex finds the few places worth tokenising instead: a word that may be
# capitalised (a first letter other than a-z, and a letter other than A-Z after
# it), with no possessive ending and spaces or one line break after it, then a
# next word that may be capitalised too or may be a particle ("de", "van"). It
# matches wherever a run of two or more words starts (and maybe a few places
# more), and ``_runs`` then reads the run word by word.
#
# The lookbehinds make it start only where ``_WORD_RE.finditer`` over the page
# starts a word: at a letter that follows neither a letter nor an apostrophe or
# hyphen after a letter (which ``_WORD_RE`` would have taken into the word
# before). So ``_WORD_RE.match`` there reads the same word as reading the page
# from its start. The next word is only looked at, not taken, so every word is
# tried as a start. The first character class (A-Z or anything not ASCII) is
# cheap for the regex engine to skip along; the first lookbehind narrows it to
# letters.
_MAYBE_CAPITALISED = r"(?:[A-Z]|['’\-][A-Z])*(?:[^\W\d_A-Z]|['’\-][^\W\d_A-Z])"
_RUN_START_RE = re.compile(
    r"[A-Z\x80-\U0010ffff](?<=[^\W\d_])(?<![^\W\d_].)(?<![^\W\d_]['’\-].)"
    rf"{_MAYBE_CAPITALISED}(?:[^\W\d_]|['’\-][^\W\d_])*"
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?=[^\W\d_a-z]{_MAYBE_CAPITALISED}|d[aeiu]|van|von|der|den|l[ae]|bin|ibn|[ae]l|a[pb])"
)


def _runs(text: str) -> list[list[_Token]]:
    """Runs of two or more capitalised words (with "de", "van"... inside) that may
    hold a name.

    The same runs, word for word, as reading every word of the page left to
    right and starting a run at each capitalised word not already in one, less
    the one-word runs (which hold no candidate): a run of two or more words
    starts at a ``_RUN_START_RE`` match, and later matches inside it are skipped.
    """
    runs = []
    covered = 0  # end of the last run: starts before it are inside it
    for start in _RUN_START_RE.finditer(text):
        if start.start() < covered:
            continue
        first = _token(_WORD_RE.match(text, start.start()))
        if not first.capitalised:
            continue
        run = [first]
        token = _next_in_run(text, first)
        while token is not None:
            if token.capitalised:
                run.append(token)
            elif token.text in _PARTICLES:
                # "Maria de la Cruz": one or two particles, then a capitalised word.
                particles = [token]
                token = _next_in_run(text, token)
                while token is not None and token.text in _PARTICLES and len(particles) <= 2:
                    particles.append(token)
                    token = _next_in_run(text, token)
                if token is None or len(particles) > 2 or not token.capitalised:
                    break
                run += [*particles, token]
            else:
                break
            token = _next_in_run(text, run[-1])
        covered = run[-1].end
        if len(run) > 1:
            runs.append(run)
    return runs


def _page_candidates(text: str, document: _Document) -> list[_Candidate]:
    candidates = []
    for run in _runs(text):
        # Split the run at words that are never part of a name, and after a possessive.
        pieces: list[list[int]] = [[]]
        for i, token in enumerate(run):
            if token.text in _HARD_STOP or len(token.text) < 2:
                pieces.append([])
                continue
            pieces[-1].append(i)
            if token.possessive:
                pieces.append([])
        for piece in pieces:
            for part in _line_parts(text, run, piece):
                if len(part) < 2:
                    continue  # no name in one word
                candidate = _best_candidate(text, run, part, document)
                if candidate is not None:
                    candidates.append(candidate)
    return candidates


def _line_parts(text: str, run: list[_Token], piece: list[int]) -> list[list[int]]:
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
    text: str, run: list[_Token], piece: list[int], document: _Document
) -> _Candidate | None:
    """The piece as a name, or without place words at its ends ("May Kerry Tranter")."""
    options = []
    lo, hi = 0, len(piece)
    for trim_start in range(lo, hi):
        for trim_end in range(hi, trim_start, -1):
            window = piece[trim_start:trim_end]
            inner_place = any(run[i].text in _PLACE_WORDS for i in window)
            trimmed_ok = all(run[i].text in _PLACE_WORDS for i in piece[:trim_start]) and all(
                run[i].text in _PLACE_WORDS for i in piece[trim_end:]
            )
            if 2 <= len(window) <= 4 and trimmed_ok and run[window[0]].text not in _PARTICLES:
                options.append((window, inner_place))
    best = None
    for window, inner_place in options:
        candidate = _candidate(text, run, window, inner_place, document)
        if candidate.blocked:
            return None
        if candidate.plain or candidate.cued:
            return candidate
        best = best or candidate  # kept for the surname rule
    return best


def _candidate(
    text: str, run: list[_Token], window: list[int], inner_place: bool, document: _Document
) -> _Candidate:
    names = [run[i] for i in window]
    start, end = names[0].start, names[-1].end
    words = [t.text for t in names]
    key = " ".join(words).casefold()
    before = text[max(0, start - 80) : start]
    title_match = _TITLE_BEFORE.search(before)
    title = title_match.group(1) if title_match and title_match.group(1) in _TITLES else None
    if title_match and title:
        before = before[: title_match.start()]
    after = text[end : end + 80]

    # "Harbour Domestic Abuse Service": the run goes on to an organisation word.
    # A name that fills its line is a list item: the next line is another item.
    line_start = text.rfind("\n", 0, start) + 1
    whole_line = not text[line_start:start].strip() and text[end : end + 1] in {"\n", ""}
    followed_by_org = False
    for token in run[window[-1] + 1 : window[-1] + 4]:
        if whole_line and "\n" in text[end : token.start]:
            break
        if token.text in _ORG_WORDS:
            followed_by_org = True
            break
        if token.text not in _HARD_STOP:
            break
    # Welsh names of organisations start with the noun: "Ysgol Gynradd Llanfair".
    if window[0] > 0 and run[window[0] - 1].text in _HEAD_ORG_WORDS:
        followed_by_org = True

    blocked = (
        followed_by_org
        or key in document.public_names
        or any(
            key.endswith(" " + name) or name.endswith(" " + key) for name in document.public_names
        )
        or any(" ".join(words) in board for board in document.board_names)
        or title in _PROFESSIONAL_TITLES
        or bool(_CITATION_AFTER.match(after))
        or bool(_PROFESSIONAL_BEFORE.search(before))
        or bool(_PROFESSIONAL_AFTER.match(after))
        or bool(_AUTHOR_BEFORE.search(before.rsplit("\n", 1)[-1]))
        or bool(_AUTHOR_AFTER.match(after))
    )
    ordinary = any(
        part.casefold() in document.lowercase_words
        for word in words
        if word not in _PARTICLES
        for part in [word, *word.split("-")]
    )
    plain = not (
        ordinary
        or inner_place
        or _LOCATIVE_BEFORE.search(before)
        or any(word.casefold() in document.board_places for word in words)
    )
    cued = (
        title in _PERSONAL_TITLES
        or bool(_FAMILY_BEFORE.search(before))
        or bool(_FAMILY_AFTER.match(after))
    )
    return _Candidate(start, end, words, blocked, plain, cued)


_CAPITALS_WORD = r"[A-Z]{2,}(?:['’\-][A-Z]{2,})?"
_CAPITALS_NAME = re.compile(
    rf"(?<![\w'’\-]){_CAPITALS_WORD}(?:[ \t]+\n?[ \t]*{_CAPITALS_WORD}){{1,3}}(?![\w'’\-])"
)
# For _matches: a word in capitals, then white space and another.
_CAPITALS_STARTS = re.compile(
    r"[A-Z](?<![\w'’\-].)(?=[A-Z]+(?:['’\-][A-Z]{2,})?[ \t]+\n?[ \t]*[A-Z]{2})"
)


def _capitals_names(text: str) -> list[_Candidate]:
    """Names in capitals ("the mother, MARY SMITH"), only right next to a family word:
    capitals are mostly headings and abbreviations."""
    out = []
    for match in _matches(_CAPITALS_NAME, _CAPITALS_STARTS, text):
        words = match.group().split()
        if any(w.capitalize() in _HARD_STOP or len(w) < 3 for w in words):
            continue
        if not all(re.search(r"[AEIOUY]", w) for w in words):
            continue  # abbreviations: "CSC", "NFA"
        before = text[max(0, match.start() - 80) : match.start()]
        after = text[match.end() : match.end() + 80]
        if _FAMILY_BEFORE.search(before) or _FAMILY_AFTER.match(after):
            out.append(_Candidate(match.start(), match.end(), words, False, False, True))
    return out


def _find_names(pages: list[tuple[int, str]], document: _Document) -> list[tuple[int, _Candidate]]:
    accepted: list[tuple[int, _Candidate]] = []
    doubtful: list[tuple[int, _Candidate]] = []
    for index, (_number, text) in enumerate(pages):
        for candidate in _page_candidates(text, document):
            if candidate.blocked:
                continue
            if candidate.plain or candidate.cued:
                accepted.append((index, candidate))
            else:
                doubtful.append((index, candidate))

    # A surname already flagged makes another full name with it a family name too,
    # and "Mrs Burrows" as well.
    surnames = {c.words[-1] for _i, c in accepted if c.words[-1] not in _PLACE_WORDS}
    for index, candidate in doubtful:
        given = candidate.words[:-1]
        if candidate.words[-1] in surnames and not any(
            w.casefold() in document.lowercase_words or w in _PLACE_WORDS for w in given
        ):
            accepted.append((index, candidate))
    for index, (_number, text) in enumerate(pages):
        accepted += [(index, c) for c in _capitals_names(text)]
        for match in _matches(_PERSONAL_TITLE_SURNAME, _PERSONAL_TITLE_STARTS, text):
            if match.group("surname") not in surnames:
                continue
            start, end = match.start(), match.end()
            if any(i == index and c.start < end and start < c.end for i, c in accepted):
                continue
            accepted.append(
                (index, _Candidate(start, end, [match.group("surname")], False, True, True))
            )
    return accepted
