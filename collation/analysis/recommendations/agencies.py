"""Who a recommendation is addressed to, and the agency category (DFE-RR157) that is."""

from __future__ import annotations

import re

from scr_platform.reference import reference

_ADDRESSEE = re.compile(
    r"^(?P<agency>[A-Z‘'\"“(].{1,119}?)\s+(?:should|must|shall|will|needs?\s+to|ought\s+to"
    r"|(?:is|are)\s+(?:asked|requested)\s+to)\b"
)
_THAT_PREFIX = re.compile(r"^(?:it\s+is\s+recommended\s+that|that)\s+", re.IGNORECASE)


def agency_as_written_in(text: str) -> str:
    """The addressee at the start of a recommendation ("The LSCB should ..."), or ""."""
    stripped = _THAT_PREFIX.sub("", text, count=1)
    if stripped != text:
        # After "That ..." the addressee may start in lower case ("that the LSCB").
        stripped = stripped[:1].upper() + stripped[1:]
        text = text[len(text) - len(stripped) :]
    match = _ADDRESSEE.match(stripped)
    if not match:
        return ""
    # Report the words as written, not as re-capitalised above.
    agency = text[: match.end("agency")].strip()
    # A full stop inside means the modal verb belongs to a later sentence.
    return "" if re.search(r"[.!?]\s", agency) else agency


_CSC = "Children's social care"
_COMMUNITY_HEALTH = "Community health (health visitors, school nurses)"
_HOSPITAL = "Hospital trusts and ambulance trusts"
_HEALTH_OVERVIEW = "Health overview"
_MENTAL_HEALTH = "Adult mental health, drug and alcohol team"
_LSCB = "LSCB / applicable to all agencies involved"
_NATIONAL = "Regional or national"

# First match wins, so the specific comes before the general: "school nursing
# service" is community health, not education; "Department of Health and
# Social Care" is national, not children's social care; "Designated Nurse for
# Safeguarding Children" is health overview, not the Board; "National
# Probation Service" is probation, not national.
_AGENCY_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"\bprobation\b|community rehabilitation compan", "Probation"),
    (r"youth offending|\byot\b|\byos\b|youth justice", "Youth offending"),
    (r"\bconnexions\b", "Connexions"),
    (r"\bcafcass\b|\bemployers?\b|\bcoroner", "Miscellaneous (e.g. Cafcass, employer)"),
    (
        r"department (?:for|of)\b|\bdfe\b|\bdhsc\b|home office|\bnhs england\b|\bofsted\b"
        r"|government|secretary of state|care quality commission|public health england"
        r"|\bnational(?:ly)?\b|\bregional\b",
        _NATIONAL,
    ),
    (
        r"clinical commissioning|\bccgs?\b|health commissioners?|designated (?:nurse|doctor)"
        r"|named gps?\b|\bgps?\b|general practi|public health",
        _HEALTH_OVERVIEW,
    ),
    (
        r"health visit|school nurs|community health|community services"
        r"|community healthcare|healthcare nhs trust|\b0-19\b",
        _COMMUNITY_HEALTH,
    ),
    (r"hospital|ambulance|acute trust|emergency department|maternity", _HOSPITAL),
    (
        r"mental health|drug and alcohol|substance misuse|recovery service"
        r"|partnership nhs foundation trust",
        _MENTAL_HEALTH,
    ),
    (
        r"children[’']s cent(?:re|er)|early years|nurser(?:y|ies)|childminder",
        "Early years and nursery",
    ),
    (r"housing|\bhomes\b", "LA or private housing"),
    (
        r"safeguarding children(?:'s|’s)? (?:board|partnership)|\blscbs?\b|\bthe board\b"
        r"|safeguarding partners|partner agencies|all agencies|all partners",
        _LSCB,
    ),
    (
        r"children[’']s services|children[’']s social care|social care|social work"
        r"|director of children",
        _CSC,
    ),
    (r"\bschools?\b|\bacadem(?:y|ies)\b|\beducation\b|\bcolleges?\b", "Education"),
    (
        r"voluntary|charity|third sector|domestic abuse service|women[’']s aid|\bnspcc\b"
        r"|barnardo|refuge\b|\bprojects?\b",
        "Voluntary provider",
    ),
    (r"\bpolice\b|constabulary", "Police"),
)
_AGENCY_PATTERNS = tuple(
    (re.compile(pattern, re.IGNORECASE), label) for pattern, label in _AGENCY_KEYWORDS
)


def _check_agency_labels() -> None:
    """Every label above must be one of the reference list's categories."""
    known = set(reference()["agencies_rr157"])
    unknown = {label for _, label in _AGENCY_KEYWORDS} - known
    if unknown:
        raise ValueError(f"agency categories not in data/reference.json: {sorted(unknown)}")


_check_agency_labels()


def agency_category_for(agency_as_written: str) -> str | None:
    """The DFE-RR157 agency category (``agencies_rr157``) an addressee falls in.

    Keyword-based; None when nothing recognisable is in the name (an unknown
    organisation, or "" when the recommendation names no addressee).
    """
    for pattern, label in _AGENCY_PATTERNS:
        if pattern.search(agency_as_written):
            return label
    return None
