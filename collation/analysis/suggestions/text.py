"""Words of a passage or of the taxonomy, in one form so that they can be compared.

The taxonomy's wording and a report's wording of the same practice issue
differ mostly in three ways, each handled here:

* abbreviations and variant names of the same thing ("CSC", "children's
  services", "children's social care"; "A&E", "the emergency department";
  "s47", "child protection enquiry"): ``_SAME_THING`` rewrites each variant to
  one phrase before the words are split. The list is safeguarding vocabulary
  (Working Together's terms and their common abbreviations), not any report's
  wording;
* inflection ("referral", "referred", "referring"): Snowball's English stemmer;
* words every passage has ("the", "was"): dropped.

Terms are the stems and pairs of neighbouring stems (a pair carries "not
shared" or "strategy meeting", which single words do not).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import snowballstemmer

# Variant -> the one phrase it is rewritten to. Longest variants first, so that
# "initial child protection conference" is rewritten before "conference" alone.
_SAME_THING: tuple[tuple[str, str], ...] = (
    (
        r"children'?s? social care|children'?s? services|children'?s? social work|\bcsc\b"
        r"|social care services for children|\bcsd\b",
        "csc",
    ),
    (r"adults'? social care|adult social care|adult services|adults'? services", "adultcare"),
    (r"general practitioners?|\bgps?\b|gp practice|general practice", "gp"),
    (r"health visit(?:or|ors|ing)(?: service)?|\bhvs?\b", "healthvisitor"),
    (r"school nurs(?:e|es|ing)", "schoolnurse"),
    (r"midwi(?:fe|ves|fery)|maternity services?|antenatal", "midwife antenatal"),
    (r"team around the (?:family|child)|\bta[fc]\b", "taf"),
    (r"common assessment framework|early help assessments?|\bcaf\b|\beha\b", "caf"),
    (r"accident and emergency|\ba ?& ?e\b|emergency departments?|\bed\b", "emergencydept"),
    (r"section 47|\bs\.? ?47\b|child protection (?:enquir(?:y|ies)|investigations?)", "section47"),
    (r"strategy (?:discussions?|meetings?)", "strategymeeting"),
    (
        r"(?:initial |review )?child protection (?:case )?conferences?|\b[ir]?cpcs?\b"
        r"|case conferences?",
        "cpconference",
    ),
    (r"child protection plans?|\bcpp\b", "cpplan"),
    (r"child in need|\bcin\b", "childinneed"),
    (
        r"domestic (?:violence|abuse)|\bdv\b|\bdva\b|intimate partner violence"
        r"|(?:violence|abuse|assaults?) (?:between|towards|against) (?:the )?"
        r"(?:parents|adults|partners|couple|mother)",
        "domesticabuse",
    ),
    (r"substance misuse|drugs? and alcohol|alcohol and drugs?", "substancemisuse"),
    (r"mental health", "mentalhealth"),
    (r"paediatrici?ans?|paediatric consultants?", "paediatric"),
    (r"safeguarding children (?:board|partnership)|\blscbs?\b|\bthe board\b", "lscb"),
    (r"multi[- ]agency safeguarding hub|\bmash\b|front door", "frontdoor"),
    (r"sudden (?:and )?unexpected death|\bsud[ic]\b|rapid response", "rapidresponse"),
    (r"information[- ]sharing|shar(?:e|ed|ing) (?:of )?information", "infoshare"),
    (r"lead professionals?|key workers?", "leadprofessional"),
    (r"out of hours", "outofhours"),
    (r"non[- ]mobile|not yet mobile|pre[- ]mobile", "nonmobile"),
    (r"bruis(?:e|es|ed|ing)", "bruising"),
    (r"core groups?", "coregroup"),
    (r"criminal investigations?|police investigations?", "criminalinvestigation"),
    (r"care proceedings|public law outline", "careproceedings"),
    (r"sexual(?:ly)? exploit(?:ation|ed)|\bcse\b", "sexualexploitation"),
    # Verbs reports use for the taxonomy's "challenge", "meet" and "share".
    (r"\b(?:question|questioned|questioning|disput(?:e|ed|ing)|contest(?:ed|ing)?)\b", "challenge"),
    (r"\b(?:met|meet)\b", "meeting"),
    (r"\bpass(?:ed|ing)? on\b|\bhand(?:ed)? on\b", "infoshare"),
)
_REWRITES = tuple((re.compile(pattern), phrase) for pattern, phrase in _SAME_THING)
_WORD = re.compile(r"[a-z0-9]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

# English function words and words every report uses about everything.
# fmt: off
_STOP = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "done", "down", "during", "each",
    "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours", "yourself", "may", "might", "must", "shall",
    "also", "e", "g", "eg", "ie", "etc", "one", "two", "three", "within", "upon", "per", "via",
    "whether", "review", "reviews", "report", "reports", "case", "cases", "mr", "mrs", "ms",
])
# fmt: on

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def normalise(text: str) -> str:
    """Lower case, one form of quotes and dashes, variants rewritten to one phrase."""
    text = text.translate(_QUOTES).lower()
    for pattern, phrase in _REWRITES:
        text = pattern.sub(f" {phrase} ", text)
    return re.sub(r"'s\b", "", text)


def stems(text: str) -> list[str]:
    """The content words of a text, stemmed, in order."""
    return [_stem(word) for word in _WORD.findall(normalise(text)) if word not in _STOP]


def terms(text: str) -> list[str]:
    """Stems and pairs of neighbouring stems: the features a text is compared on."""
    words = stems(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
