"""Flag likely personal data in a report's text so a board manager can clear it.

A pure function over page texts (no database, no models, nothing downloaded):
regular expressions for the shapes of personal data, and context rules for
telling a family's data from the board's own published contact details,
pseudonyms ("Child D", "Mr W"), organisation names and ordinary event dates.

What is flagged, and why:

- **Full names** (two to four capitalised words, also across a line break) that
  are not organisations, places, headings or the report's named authors. A
  candidate passes if none of its words is used in lower case elsewhere in the
  report (so "Domestic Abuse" or "Working Together" are not names), or if it
  sits next to a family word ("the grandmother, Julie Yates", "Mr S (Darren
  Whitfield)"), or if it shares a surname with a name already flagged.
- **Dates of birth**: a full date only when introduced as one ("born on",
  "DOB", "date of birth"); publication and event dates are not flagged.
- **Addresses** (house number and street, or building parts ending in a
  postcode) and **postcodes** on their own; **phone numbers** (UK geographic
  and mobile; freephone and other non-geographic numbers belong to
  organisations); **e-mail addresses**.
- **NHS numbers**: ten digits (usually 3-3-4) whose modulus-11 check digit is
  right. A number whose check digit fails is not an NHS number.

Contact details are not flagged when they are the board's or another
organisation's: on the same line as (or the line after) the board's name, a
civic building or a "contact us" / "published by" cue, or e-mails to a role
mailbox ("enquiries@", "scb.admin@") or the board's own domain. A family word
in the same sentence ("Mother's mobile", "gave his address") always wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

CONTEXT_CHARS = 60


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
    text: str  # exactly page_text[start:end]; may contain a line break
    page: int
    start: int
    end: int
    context: str  # about 60 characters either side, line breaks as spaces


class _Page(Protocol):
    number: int
    text: str


# ---------------------------------------------------------------------------
# NHS numbers


def nhs_number_is_valid(digits: str) -> bool:
    """True if ``digits`` (spaces and hyphens allowed) is a ten-digit NHS number
    whose modulus-11 check digit is right."""
    value = re.sub(r"[\s\-]", "", digits)
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(value[9])


# ---------------------------------------------------------------------------
# Shared pieces

_GAP = r"[ \t]*\n?[ \t]*"  # spaces, or one line break (wrapped text)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\d(‘'\"“])|[.!?]$|\n\s*\n")

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    rf"(?<![\w/.\-])(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+(?P<y1>\d{{4}})"
    rf"|{_MONTHS}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})(?P<sep>[/.\-]){_GAP}(?P<m3>\d{{1,2}})(?P=sep){_GAP}(?P<y3>\d{{4}}|\d{{2}})"
    rf")(?![\w/\-]|\.\d)"
)
_DOB_CUE = re.compile(
    r"\b(?:born|d\.\s?o\.\s?b\.?|DOB|D\.O\.B|date\s+of\s+birth|birth\s*date|birthday)\b",
    re.IGNORECASE,
)
_DOB_AFTER = re.compile(r"^[\s,]*\(?\s*(?:DOB|D\.O\.B\.?|date of birth|born)\b", re.IGNORECASE)

_POSTCODE = r"(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\n?[ \t]*\d[ABD-HJLNP-UW-Z]{2})"
_POSTCODE_RE = re.compile(rf"(?<![A-Za-z\d]){_POSTCODE}(?![A-Za-z\d])")

_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
)

_NHS_RE = re.compile(r"(?<![\d\w])\d{3}[ \t\-]*\n?[ \t]*\d{3}[ \t\-]*\n?[ \t]*\d{4}(?![\d\w])")
_NHS_CUE = re.compile(r"\bNHS\b|\bCHI\b|health\s+(?:service\s+)?number", re.IGNORECASE)

_PHONE_RE = re.compile(
    r"(?<![\w+/.])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(0|0)\d"
    r"(?:\d|[ \t\-][ \t]?(?=\d)|\)[ \t]?(?=\d)|[ \t]*\n[ \t]*(?=\d))+(?![\d/])"
)
_REFERENCE_CUE = re.compile(
    r"\b(?:ref(?:erence)?|case|crime|document|file|id|account|serial|incident|log)"
    r"\.?(?:\s+(?:no\.?|number))?\s*[:#]?\s*$",
    re.IGNORECASE,
)

# Family words: a name next to one of these is about the family.
_FAMILY_CUE = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent|son|daughter)|"
    r"(?:half[\W_]?|step-?)?(?:sibling|brother|sister)|grand(?:mother|father|parents?|ma|pa|son|"
    r"daughter)|aunt|uncle|cousin|nephew|niece|partner(?!\s+(?:agenc|organisation))|boyfriend|"
    r"girlfriend|husband|wife|son|daughter|carer|birth\s+registration|full\s+name|"
    r"named(?!\s+(?:nurse|doctor|GP|professional|lead|person|midwife|safeguarding))|"
    r"in\s+the\s+name\s+of|"
    r"known\s+as|referred\s+to\s+(?:in\s+this\s+report\s+)?as|records?\s+(?:list|for)|"
    r"entries\s+for|addressed\s+to|(?:Child|Baby|Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z](?![a-z]))\b",
    re.IGNORECASE,
)
# Contact details next to one of these are a person's, whatever else is near.
_PERSONAL_CUE = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent)|sibling|brother|sister|"
    r"grand(?:mother|father|parents?)|aunt|uncle|cousin|partner|boyfriend|girlfriend|husband|"
    r"wife|son|daughter|carer|family|family's|household|his|her|their|home|mobile|personal|"
    r"neighbour|lived|living|moved|resident|(?:Child|Baby|Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z](?![a-z]))\b",
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
_ROLE_MAILBOXES = {
    "admin",
    "administration",
    "board",
    "business",
    "communications",
    "complaints",
    "contact",
    "contactus",
    "dpo",
    "enquiries",
    "enquiry",
    "foi",
    "general",
    "hello",
    "help",
    "helpline",
    "info",
    "information",
    "lscb",
    "lscp",
    "mail",
    "media",
    "office",
    "press",
    "reception",
    "safeguarding",
    "safeguardingboard",
    "scb",
    "scp",
    "secretariat",
    "support",
    "team",
}
_BOARD_NAME_RE = re.compile(
    r"(?:[A-Z][\w'’\-]+[ \t]+){1,4}(?:Local[ \t]+)?Safeguarding[ \t]+(?:Children|Adults)[ \t]+"
    r"(?:Board|Partnership)|[A-Z][\w'’\-]+[ \t]+(?:LSCB|LSCP|SCB|SCP)\b"
)

# ---------------------------------------------------------------------------
# Names

_TITLES = {
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Reverend",
    "Revd",
    "Cllr",
    "Councillor",
    "Judge",
    "Justice",
    "Sergeant",
    "Sgt",
    "Inspector",
    "Detective",
    "Constable",
    "Nurse",
    "Sister",
    "St",
    "Saint",
}
_PERSONAL_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Mx"}
_PROFESSIONAL_TITLES = _TITLES - _PERSONAL_TITLES - {"St", "Saint"}
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
    rf"^\s*(?:,|\(|\n|–|-)\s*(?:the\s+|an?\s+)?{_AUTHOR_ROLE}\b",
    re.IGNORECASE,
)
_CITATION_AFTER = re.compile(r"^\s*(?:\(\s*(?:19|20)\d\d|et\s+al\b|,\s*(?:19|20)\d\d\b)")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|around|across|within|throughout|towards|outside|"
    r"(?:moved|moving|move|relocated|travelled|returned)\s+(?:back\s+)?to)\s*$",
    re.IGNORECASE,
)

_FUNCTION_WORDS = set(
    """A An The And Or But Nor Of In On At To For From By With Without Within Into Onto Over Under
    Above Below After Before Between During Following Since Until Upon About Across Against Along
    Among Around Behind Beyond Despite Except Inside Outside Through Throughout Toward Towards Via
    This That These Those It Its He She They Them His Her Hers Their Theirs We Our Ours You Your I
    Me My Mine Who Whom Whose Which What When Where While Whilst Why How If Unless Although Though
    However Therefore Thus Also Yet So Then Once There Here Both Either Neither Each Every All Any
    Some Several Many Much Most More Less Few Other Another Such No Not Nor Only Own Same Than
    Too Very Can Could May Might Must Shall Should Will Would Is Are Was Were Be Been Being Has
    Have Had Do Does Did Nobody Anyone Everyone Someone Nothing Everything Anything Something As
    Like Per Further Furthermore Moreover Overall Finally Firstly Secondly Thirdly Lastly Next
    Later Earlier Subsequently Meanwhile Instead Indeed Even Just Still Already Again Always
    Never Often Sometimes Perhaps Because Whether Yes Please Thank Thanks Dear Regards One Two
    Three Four Five Six Seven Eight Nine Ten First Second Third Fourth Fifth Last New Old""".split()
)
_CALENDAR_WORDS = set(
    """January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday Christmas Easter Spring Summer Autumn Winter Term Year Month Week Day Today""".split()
)
_FAMILY_WORDS = set(
    """Mother Mum Father Dad Parent Parents Stepfather Stepmother Sibling Siblings Half Brother
    Sister Grandmother Grandfather Grandparent Grandparents Grandma Grandpa Nan Maternal Paternal
    Aunt Uncle Cousin Nephew Niece Partner Boyfriend Girlfriend Husband Wife Son Daughter Carer
    Carers Family Families Household Child Children Baby Babies Boy Girl Infant Young Person
    People Adult Adults Subject Victim Offender Perpetrator Man Woman Men Women Friend Neighbour""".split()
)
_DOCUMENT_WORDS = set(
    """Serious Case Review Reviews Report Reports Overview Final Draft Executive Summary
    Introduction Conclusion Conclusions Recommendation Recommendations Finding Findings Appendix
    Annex Section Chapter Part Page Contents Foreword Preface Glossary References Bibliography
    Methodology Method Analysis Terms Reference Date Dates Agency Agencies Event Events Key
    Practice Episode Episodes Independent Lead Reviewer Chair Chairman Author Authors Publication
    Published Version Status Approved Document Control Abbreviation Abbreviations Meaning
    Questions Question Learning Lessons Lesson Background Chronology Timeline Table Figure
    Note Notes Source Sources Total Issue Issues Theme Themes Action Actions Plan Plans Outcome
    Outcomes Response Responses Involvement Contact Contacts Details Information Tel Telephone
    Email Mobile Fax Web Website Address Postcode Name Names Number Numbers Code Title Signed
    Signature Where Help Get Support Process Scope Purpose Aims Aim Objectives Context Context
    Acknowledgements Acknowledgement Disclaimer Copyright Statement Evidence Good Poor
    Strengths Areas Improvement Next Steps Step Good Practice Panel Meeting Meetings Minutes
    Agenda Item Items Decision Decisions Criteria Regulation Regulations Act Acts Guidance
    Statutory Procedures Procedure Policy Policies Protocol Framework Model Tool Toolkit
    Assessment Assessments Conference Conferences Strategy Discussion Referral Referrals Notification
    Plan Protection Need Needs Early Category Categories Level Levels Threshold Thresholds Risk
    Abuse Neglect Harm Death Injury Incident Incidents Concern Concerns Welfare Safety Safe Unsafe
    Voice Views Lived Experience Daily Life Focus Impact Response Practitioner Practitioners
    Professional Professionals Staff Workers Worker Manager Managers Officer Officers Nurse Doctor
    Midwife Health Visitor Visitors Social Teacher Designated Named Coroner Judge Magistrate""".split()
)
# Words that make a capitalised run an organisation, a place or a building.
_ORG_WORDS = set(
    """Board Boards Council Councils Trust Trusts Foundation Hospital Hospitals Police Constabulary
    Force Service Services Academy Academies School Schools College Colleges University
    Universities Nursery Nurseries Centre Centres Center Safeguarding Local Group Groups Team Teams
    Partnership Partnerships Healthcare Health Care Community Communities Clinical Commissioning
    Homes Housing Project Projects Aid Drug Drugs Alcohol Recovery Offending Youth Probation
    Company Rehabilitation Ambulance General Department Departments Government Ministry Office
    Offices Unit Units Ward Wards Clinic Clinics Practice Practices Surgery Authority Authorities
    County Counties District Districts City Cities Borough Boroughs Integrated Association
    Society Charity Charities Network Networks Agency Institute Institution Court Courts
    Prosecution Crown Tribunal Committee Panel Primary High Secondary Infant Junior Catholic
    Church Methodist Anglican Mosque Temple Synagogue Tots Pre-school Preschool Playgroup
    Federation Alliance Commission Commissioner Inspectorate Ofsted Cafcass Barnardo's Barnardo
    Action Refuge Shelter Welfare Enterprise Enterprises Limited Ltd Plc Inc Co Corporation
    Holdings Industries Partners Solicitors Chambers Surgery Medical Dental Pharmacy Hospice
    Mental Services Children's Childrens Women's Womens Men's Family Regional National Royal
    State Public Private Voluntary Sector Independent Executive Directorate Division Branch
    Street Streets Road Roads Lane Lanes Avenue Avenues Drive Close Way Place Crescent Yard Rise
    Square Terrace Gardens Garden Grove Hill Hills Green Greens End Park Parks Row Walk Mews View
    Views Hall House Houses Estate Estates Lodge Cottage Cottages Farm Wharf Bridge Parade Quay
    Heights Vale Valley Wood Woods Fields Field Meadow Meadows Gate Gates Circus Broadway Market
    Precinct Buildings Building Tower Towers Court Manor Chase Croft Fold Green Brow Bank Banks
    Town Village Shire Borough Ward Region North South East West Northern Southern Eastern
    Western Central Upper Lower Great Little""".split()
)
# Words that follow an organisation's or a place's name ("Harbour Domestic Abuse Service").
_ORG_SUFFIXES = _ORG_WORDS - {
    "Local",
    "Community",
    "Health",
    "Care",
    "Youth",
    "Children's",
    "Childrens",
    "Women's",
    "Womens",
    "Men's",
    "Mental",
    "Family",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Upper",
    "Lower",
    "Great",
    "Little",
    "Royal",
    "National",
    "Regional",
    "Independent",
    "Primary",
    "High",
    "Secondary",
    "Catholic",
}
_HARD_STOP = _FUNCTION_WORDS | _CALENDAR_WORDS | _FAMILY_WORDS | _DOCUMENT_WORDS | _TITLES
_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
    "el",
}

_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-][^\W\d_])*(?:['’]s?)?")
_POSSESSIVE_RE = re.compile(r"['’]s?$")


@dataclass
class _Token:
    text: str  # without a possessive ending
    start: int
    end: int  # end of ``text``
    possessive: bool
    capitalised: bool


@dataclass
class _Document:
    lowercase_words: set[str]
    board_names: list[str]
    board_places: set[str]
    public_names: set[str]
    board_patterns: list[re.Pattern[str]]


# ---------------------------------------------------------------------------
# Public entry point


def personal_data_find(
    pages: Sequence[tuple[int, str]] | Sequence[_Page] | Iterable[_Page],
    *,
    board_name: str | None = None,
    public_names: Iterable[str] = (),
) -> list[PersonalDataFinding]:
    """Every likely item of personal data in ``pages``, in page and text order.

    ``pages`` are ``(number, text)`` pairs or ``ExtractedPage`` objects.
    ``board_name`` helps recognise the board's own published address, phone
    and e-mail; ``public_names`` (the lead reviewer, the chair) are never
    flagged. Authors named on the title page or signing the foreword are
    recognised without being told.
    """
    page_list = [_page_tuple(page) for page in pages]
    document = _document_facts(page_list, board_name, public_names)

    per_page: dict[int, list[PersonalDataFinding]] = {}
    name_candidates: list[tuple[int, str, _NameCandidate]] = []
    for number, text in page_list:
        findings: list[PersonalDataFinding] = []
        findings += _find_emails(number, text, document)
        findings += _find_nhs_numbers(number, text)
        findings += _find_phones(number, text, document)
        findings += _find_dates_of_birth(number, text)
        findings += _find_addresses(number, text, document)
        per_page[number] = findings
        name_candidates += [(number, text, c) for c in _name_candidates(text, document)]

    for number, text, candidate in _accept_names(name_candidates, document):
        per_page[number].append(
            _finding(PersonalDataKind.NAME, number, text, candidate.start, candidate.end)
        )

    result: list[PersonalDataFinding] = []
    for number, _text in page_list:
        result += _resolve_overlaps(per_page[number])
    return result


def _page_tuple(page: tuple[int, str] | _Page) -> tuple[int, str]:
    if isinstance(page, tuple):
        return int(page[0]), str(page[1])
    return int(page.number), str(page.text)


def _finding(
    kind: PersonalDataKind, page: int, text: str, start: int, end: int
) -> PersonalDataFinding:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    context = re.sub(r"\s+", " ", before + text[start:end] + after).strip()
    return PersonalDataFinding(kind, text[start:end], page, start, end, context)


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
    """One finding per stretch of text: the most specific kind, then the longest."""
    ranked = sorted(findings, key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start))
    kept: list[PersonalDataFinding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


# ---------------------------------------------------------------------------
# Document-level facts


def _document_facts(
    pages: list[tuple[int, str]], board_name: str | None, public_names: Iterable[str]
) -> _Document:
    lowercase_words: set[str] = set()
    board_names: list[str] = []
    if board_name and board_name.strip():
        board_names.append(_squash(board_name))
    for _number, text in pages:
        # Words of e-mail addresses and web links are not evidence of ordinary words.
        prose = _LINK_RE.sub(" ", text)
        for match in _WORD_RE.finditer(prose):
            word = _POSSESSIVE_RE.sub("", match.group())
            if word[:1].islower():
                lowercase_words.add(word.casefold())
        for match in _BOARD_NAME_RE.finditer(text):
            words = _squash(match.group()).split()
            # Drop leading acronyms and ordinary words: "LSCB Local Safeguarding ...".
            while words and (words[0].isupper() or words[0] in _HARD_STOP or words[0] == "Local"):
                words = words[1:]
            if len(words) < 2 or words[0] in {"Safeguarding"} | _ORG_WORDS:
                continue
            name = " ".join(words)
            if name not in board_names:
                board_names.append(name)
    board_places: set[str] = set()
    for name in board_names:
        first = name.split()[0]
        if first[:1].isupper() and not first.isupper() and first not in _HARD_STOP | _ORG_WORDS:
            board_places.add(first.casefold())
    names = {_name_key(n) for n in public_names if n.strip()}
    for _number, text in pages:
        names |= _author_names(text)
    patterns = [
        re.compile(r"\s+".join(re.escape(word) for word in name.split()), re.IGNORECASE)
        for name in board_names
    ]
    return _Document(lowercase_words, board_names, board_places, names, patterns)


_LINK_RE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _name_key(name: str) -> str:
    words = [w for w in _squash(name).replace(".", "").split() if w not in _TITLES]
    return " ".join(words).casefold()


_AUTHOR_NAME_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?[ \t]+)?"
    r"(?P<name>[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?"
    r"(?:[ \t]+[A-Z][^\W\d_]+(?:['’\-][A-Z]?[^\W\d_]+)?){1,3})"
)


def _author_names(text: str) -> set[str]:
    """Names presented as the report's authors or signatories.

    "Independent Lead Reviewer: Mary Haldane", "Written by ...", a name on its
    own line above "Independent Chair", "Jane Smith, Lead Reviewer".
    """
    names: set[str] = set()
    for match in _AUTHOR_NAME_RE.finditer(text):
        words = match.group("name").split()
        if any(w in _HARD_STOP or w in _ORG_WORDS for w in words):
            continue
        line_before = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        after = text[match.end() : match.end() + 80]
        if _AUTHOR_BEFORE.search(line_before) or _AUTHOR_AFTER.match(after):
            names.add(_name_key(match.group("name")))
    return names


# ---------------------------------------------------------------------------
# Context helpers


def _sentence_before(text: str, start: int, limit: int = 160) -> str:
    """The text from the start of the sentence (at most ``limit`` chars) to ``start``."""
    window = text[max(0, start - limit) : start]
    last = None
    for last in _SENTENCE_END.finditer(window):
        pass
    if last is not None:
        window = window[last.end() :]
    return window


def _sentence_after(text: str, end: int, limit: int = 100) -> str:
    window = text[end : end + limit]
    match = _SENTENCE_END.search(window)
    return window[: match.start()] if match else window


def _line_window(text: str, start: int, end: int) -> str:
    """The item's own line and the line before it."""
    line_start = text.rfind("\n", 0, start)
    previous = text.rfind("\n", 0, max(0, line_start))
    line_end = text.find("\n", end)
    return text[previous + 1 if previous >= 0 else 0 : line_end if line_end >= 0 else len(text)]


def _is_organisational(text: str, start: int, end: int, document: _Document) -> bool:
    """True if a contact detail belongs to the board or another organisation.

    An organisation signal (the board's name, a civic building, "published
    by", "contact us"...) earlier on the item's line or the line before, with
    no family word between it and the item; or one later on the same line
    with no family word earlier in the sentence.
    """
    line_start = text.rfind("\n", 0, start)
    window_start = text.rfind("\n", 0, max(0, line_start)) + 1 if line_start >= 0 else 0
    before = text[window_start:start]
    signal_end = -1
    for pattern in [_ORG_CUE, *document.board_patterns]:
        for match in pattern.finditer(before):
            signal_end = max(signal_end, match.end())
    if signal_end >= 0:
        return not _PERSONAL_CUE.search(before[signal_end:])
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end >= 0 else len(text)]
    if any(p.search(after) for p in [_ORG_CUE, *document.board_patterns]):
        return not _PERSONAL_CUE.search(_sentence_before(text, start))
    return False


# ---------------------------------------------------------------------------
# E-mail, NHS numbers, phones


def _find_emails(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings = []
    for match in _EMAIL_RE.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in ".-":
            end -= 1
        address = text[start:end]
        local, _, domain = address.partition("@")
        parts = {p.casefold() for p in re.split(r"[._\-+]", local) if p}
        if parts & _ROLE_MAILBOXES:
            continue
        first_label = domain.split(".")[0].casefold()
        if any(place and place in first_label for place in document.board_places):
            continue
        if _is_organisational(text, start, end, document):
            continue
        findings.append(_finding(PersonalDataKind.EMAIL, page, text, start, end))
    return findings


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _find_nhs_numbers(page: int, text: str) -> list[PersonalDataFinding]:
    findings = []
    for match in _NHS_RE.finditer(text):
        digits = _digits(match.group())
        if not nhs_number_is_valid(digits):
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        cued = bool(_NHS_CUE.search(_sentence_before(text, match.start(), 80)))
        if not cued:
            if digits.startswith("0"):
                continue  # more likely a phone number
            if _REFERENCE_CUE.search(before):
                continue
        findings.append(
            _finding(PersonalDataKind.NHS_NUMBER, page, text, match.start(), match.end())
        )
    return findings


def _phone_digits_ok(national: str) -> bool:
    """A UK number (national form, leading 0) that a person would have."""
    if national.startswith("07"):
        return len(national) == 11
    if national.startswith(("01", "02")):
        return len(national) in (10, 11)
    if national.startswith("05"):
        return len(national) == 11
    return False  # 03, 08, 09: non-geographic, freephone, premium: organisations


def _find_phones(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings = []
    for match in _PHONE_RE.finditer(text):
        span = match.group()
        # Try the whole match, then without trailing digit groups.
        groups = list(re.finditer(r"\d+", span))
        chosen = None
        for count in range(len(groups), 0, -1):
            end_in_span = groups[count - 1].end()
            candidate = span[:end_in_span]
            digits = _digits(candidate)
            if candidate.startswith("+44"):
                digits = "0" + digits[2:]
                if digits.startswith("00"):  # +44 (0)...
                    digits = digits[1:]
            if _phone_digits_ok(digits) and len(digits) in (10, 11):
                chosen = end_in_span
                break
        if chosen is None:
            continue
        start, end = match.start(), match.start() + chosen
        before = text[max(0, start - 40) : start]
        if _REFERENCE_CUE.search(before):
            continue
        if _is_organisational(text, start, end, document):
            continue
        findings.append(_finding(PersonalDataKind.PHONE, page, text, start, end))
    return findings


# ---------------------------------------------------------------------------
# Dates of birth


def _date_is_valid(match: re.Match[str]) -> bool:
    if match.group("d3"):
        day, month = int(match.group("d3")), int(match.group("m3"))
        return 1 <= day <= 31 and 1 <= month <= 12
    day = int(match.group("d1") or match.group("d2"))
    return 1 <= day <= 31


def _find_dates_of_birth(page: int, text: str) -> list[PersonalDataFinding]:
    findings = []
    dates = [m for m in _DATE_RE.finditer(text) if _date_is_valid(m)]
    for index, match in enumerate(dates):
        start = match.start()
        window_start = max(0, start - 60)
        if index > 0:
            window_start = max(window_start, dates[index - 1].end())
        before = _sentence_before(text, start, start - window_start if start > window_start else 0)
        cued = False
        for cue in _DOB_CUE.finditer(before):
            gap = before[cue.end() :]
            if len(gap) <= 45:
                cued = True
        if not cued and _DOB_AFTER.match(text[match.end() : match.end() + 30]):
            cued = True
        if cued:
            findings.append(
                _finding(PersonalDataKind.DATE_OF_BIRTH, page, text, start, match.end())
            )
    return findings


# ---------------------------------------------------------------------------
# Addresses and postcodes

_STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Way|Place|Pl|Crescent|Cres|Court|Ct|"
    r"Yard|Rise|Square|Sq|Terrace|Gardens|Grove|Hill|Green|End|Park|Row|Walk|Mews|View|Parade|"
    r"Quay|Wharf|Heights|Vale|Gate|Chase|Croft|Fold|Brow|Bank|Boulevard|Circus|Broadway|Drove|"
    r"Embankment|Esplanade|Hollow|Meadow|Meadows|Mount|Passage|Path|Promenade|Ridge|Side|Spur|"
    r"Steps|Track|Approach|Causeway|Copse|Dale|Garth|Glade|Grange|Leys|Nook|Orchard|Paddock|"
    r"Pastures|Reach|Top|Villas|Wynd|Lea|Ley|Link|Loke|Loan)"
)
_CAP_WORD = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[A-Z]?[^\W\d_]+)?"
_HOUSE = (
    r"(?:(?:Flat|Apartment|Apt|Unit|Room)\.?[ \t]+\d+[A-Za-z]?,?" + _GAP + r")?\d{1,3}[A-Za-z]?"
)
_STREET_RE = re.compile(
    rf"(?<![\w/.,])(?P<house>{_HOUSE}){_GAP}(?:{_CAP_WORD}{_GAP}){{0,3}}{_STREET_WORDS}\b\.?"
)
_TOWN_SEGMENT = rf"{_CAP_WORD}(?:{_GAP}{_CAP_WORD}){{0,2}}"


def _find_addresses(page: int, text: str, document: _Document) -> list[PersonalDataFinding]:
    findings: list[PersonalDataFinding] = []
    used: list[tuple[int, int]] = []

    def add(kind: PersonalDataKind, start: int, end: int) -> None:
        if any(not (end <= s or start >= e) for s, e in used):
            return
        used.append((start, end))
        if not _address_is_organisational(text, start, end, document):
            findings.append(_finding(kind, page, text, start, end))

    # A street address, running on over town parts to a postcode.
    tail_re = re.compile(
        rf"(?:,?{_GAP}(?!(?:a|an|the|and|but|which|who|where)\b){_TOWN_SEGMENT}){{0,3}}"
        rf"(?:,?{_GAP}{_POSTCODE}(?![A-Za-z\d]))?"
    )
    for match in _STREET_RE.finditer(text):
        end = match.end()
        tail = tail_re.match(text, end)
        if tail:
            tail_text = tail.group()
            if _POSTCODE_RE.search(tail_text):
                end = tail.end()
            else:
                end = _trim_town_tail(text, end, tail.end())
        add(PersonalDataKind.ADDRESS, match.start(), end)

    # A postcode: take in the comma-separated parts before it.
    for match in _POSTCODE_RE.finditer(text):
        start = _address_start_before(text, match.start())
        kind = PersonalDataKind.ADDRESS if start < match.start() else PersonalDataKind.POSTCODE
        add(kind, start, match.end())
    return findings


def _trim_town_tail(text: str, street_end: int, tail_end: int) -> int:
    """Keep town parts only if they end a clause (a comma, full stop or line end follows)."""
    following = text[tail_end : tail_end + 2]
    if tail_end > street_end and (
        following[:1] in {",", ".", ";", ")", ""} or following[:1] == "\n"
    ):
        return tail_end
    return street_end


def _address_start_before(text: str, postcode_start: int) -> int:
    """Walk back from a postcode over address parts ("137 Kiln Way, Brookside, Town")."""
    start = postcode_start
    cursor = postcode_start
    for _ in range(6):
        segment_end = cursor
        head = text[max(0, segment_end - 70) : segment_end]
        stripped = head.rstrip(" \t\n,")
        if not stripped:
            break
        comma = stripped.rfind(",")
        piece_start = comma + 1 if comma >= 0 else 0
        piece = stripped[piece_start:]
        # A part without a comma before it may be preceded by other text on the line.
        match = re.search(
            rf"(?:(?:(?:Flat|Apartment|Apt|Unit|Room)\.?[ \t]+\d+[A-Za-z]?,?{_GAP})?"
            rf"(?<!\d)\d{{1,3}}[A-Za-z]?{_GAP})?"
            rf"{_CAP_WORD}(?:{_GAP}{_CAP_WORD}){{0,3}}$",
            piece,
        )
        if not match:
            break
        part = match.group().strip()
        words = set(re.findall(r"[^\W\d_]+", part))
        if (
            words & (_FUNCTION_WORDS | _FAMILY_WORDS | _DOCUMENT_WORDS)
            or words & {"Board", "Council", "Trust", "Partnership", "Safeguarding"}
            or any(w.isupper() and len(w) > 1 for w in words)
        ):
            break
        base = max(0, segment_end - 70)
        part_start = (
            base + piece_start + match.start() + (len(match.group()) - len(match.group().lstrip()))
        )
        start = part_start
        cursor = part_start
        if re.match(r"(?:Flat|Apartment|Apt|Unit|Room)\b", part):
            break
        if re.match(r"\d", part):
            # "Flat 5, 50 Lowther Place": one more part may name the flat.
            flat = re.search(
                r"(?:Flat|Apartment|Apt|Unit|Room)\.?[ \t]+\d+[A-Za-z]?,?" + _GAP + "$",
                text[max(0, cursor - 20) : cursor],
            )
            if flat:
                start = max(0, cursor - 20) + flat.start()
            break
        text_before = text[max(0, part_start - 2) : part_start]
        if "," not in text_before:
            break  # not a comma-separated list: the part was the town before the postcode
    return start


def _address_is_organisational(text: str, start: int, end: int, document: _Document) -> bool:
    if _ORG_CUE.search(text[start:end]) and not _PERSONAL_CUE.search(_sentence_before(text, start)):
        return True  # "County Hall, Park Lane, ..."
    return _is_organisational(text, start, end, document)


# ---------------------------------------------------------------------------
# Names


@dataclass
class _NameCandidate:
    tokens: list[_Token]
    start: int
    end: int
    title: str | None  # honorific just before the name
    followed_by_org: bool
    soft_ok: bool  # passes the rules that a family cue may override
    cued: bool
    blocked: bool  # never a family name (author, professional, citation, organisation)

    @property
    def surname(self) -> str:
        return self.tokens[-1].text

    @property
    def key(self) -> str:
        return " ".join(t.text for t in self.tokens).casefold()


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        word = _POSSESSIVE_RE.sub("", raw)
        possessive = word != raw
        if not word:
            continue
        capitalised = word[0].isupper() and any(ch.islower() for ch in word[1:])
        tokens.append(
            _Token(word, match.start(), match.start() + len(word), possessive, capitalised)
        )
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return bool(re.fullmatch(r"[ \t]+|[ \t]*\n[ \t]*", gap)) and not left.possessive


def _name_candidates(text: str, document: _Document) -> list[_NameCandidate]:
    tokens = _tokens(text)
    candidates: list[_NameCandidate] = []
    index = 0
    while index < len(tokens):
        if not tokens[index].capitalised:
            index += 1
            continue
        run = [tokens[index]]
        j = index + 1
        while j < len(tokens):
            nxt = tokens[j]
            if nxt.capitalised and _joined(text, run[-1], nxt):
                run.append(nxt)
                j += 1
                continue
            if (
                nxt.text in _PARTICLES
                and j + 1 < len(tokens)
                and tokens[j + 1].capitalised
                and _joined(text, run[-1], nxt)
                and _joined(text, nxt, tokens[j + 1])
            ):
                run += [nxt, tokens[j + 1]]
                j += 2
                continue
            break
        candidates += _split_run(text, run, tokens, index, document)
        index = j
    return candidates


def _split_run(
    text: str, run: list[_Token], all_tokens: list[_Token], run_index: int, document: _Document
) -> list[_NameCandidate]:
    out = []
    pieces: list[list[int]] = []
    current: list[int] = []
    for i, token in enumerate(run):
        stop = token.text in _HARD_STOP or token.text in _ORG_WORDS or len(token.text) < 2
        if stop:
            if current:
                pieces.append(current)
            current = []
        else:
            current.append(i)
            if token.possessive:
                pieces.append(current)
                current = []
    if current:
        pieces.append(current)

    for piece in pieces:
        # A possessive inside a run ends the name: "Kerry Tranter's".
        names = [run[i] for i in piece]
        if len(names) < 2 or len(names) > 4:
            continue
        if names[0].text in _PARTICLES or names[-1].text in _PARTICLES:
            continue
        # "Harbour Domestic Abuse Service": the run goes on to an organisation word.
        followed_by_org = False
        for token in run[piece[-1] + 1 : piece[-1] + 4]:
            if token.text in _ORG_SUFFIXES:
                followed_by_org = True
                break
            if token.text not in _HARD_STOP:
                break
        preceding = run[piece[0] - 1].text if piece[0] > 0 else None
        title = preceding if preceding in _TITLES else None
        out.append(_make_candidate(text, names, title, followed_by_org, document))
    return out


def _make_candidate(
    text: str, names: list[_Token], title: str | None, followed_by_org: bool, document: _Document
) -> _NameCandidate:
    start, end = names[0].start, names[-1].end
    before = text[max(0, start - 80) : start]
    if title:
        before = before[: before.rfind(title)] if title in before else before
    after = text[end : end + 80]
    key = " ".join(t.text for t in names).casefold()

    blocked = (
        followed_by_org
        or key in document.public_names
        or any(key.endswith(" " + n) or n.endswith(" " + key) for n in document.public_names)
        or bool(_CITATION_AFTER.match(after))
        or title in _PROFESSIONAL_TITLES
        or bool(_PROFESSIONAL_BEFORE.search(before))
        or bool(_AUTHOR_BEFORE.search(before.rsplit("\n", 1)[-1]))
        or bool(_AUTHOR_AFTER.match(after))
        or bool(_PROFESSIONAL_AFTER.match(after))
        or any(_squash(" ".join(t.text for t in names)) in b for b in document.board_names)
    )
    lower_used = any(t.text.casefold() in document.lowercase_words for t in names)
    hyphen_parts_lower = any(
        part.casefold() in document.lowercase_words for t in names for part in t.text.split("-")
    )
    soft_ok = (
        not lower_used
        and not hyphen_parts_lower
        and not _LOCATIVE_BEFORE.search(before)
        and not any(t.text.casefold() in document.board_places for t in names)
    )
    window_before = _sentence_before(text, start, 70)
    window_after = _sentence_after(text, end, 60)
    cued = bool(_FAMILY_CUE.search(window_before) or _FAMILY_CUE.search(window_after))
    if title in _PERSONAL_TITLES:
        cued = True
    return _NameCandidate(names, start, end, title, followed_by_org, soft_ok, cued, blocked)


def _accept_names(
    candidates: list[tuple[int, str, _NameCandidate]], document: _Document
) -> list[tuple[int, str, _NameCandidate]]:
    accepted = []
    rejected = []
    for number, text, candidate in candidates:
        if candidate.blocked:
            continue
        if candidate.soft_ok or candidate.cued:
            accepted.append((number, text, candidate))
        else:
            rejected.append((number, text, candidate))
    # A surname already flagged makes another full name with it a family name too.
    surnames = {c.surname.casefold() for _n, _t, c in accepted}
    for number, text, candidate in rejected:
        if candidate.surname.casefold() in surnames and not _LOCATIVE_BEFORE.search(
            text[max(0, candidate.start - 12) : candidate.start]
        ):
            accepted.append((number, text, candidate))
    return accepted
