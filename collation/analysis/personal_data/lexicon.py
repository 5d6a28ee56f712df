"""The detector's word lists, read once from the ``words/*.txt`` files beside this module.

The lists are data (kept and reviewed as text, shipped as package data), the
regular expressions that use them are code. Every list is read when this
module is first imported, so a worker that imports it (or calls
``personal_data_preload``) before its first document pays nothing later.
"""

from __future__ import annotations

from importlib import resources


def _words(name: str) -> frozenset[str]:
    """The words of ``words/<name>.txt``: separated by white space, "#" lines are comments."""
    text = resources.files(__package__).joinpath("words", f"{name}.txt").read_text("utf-8")
    return frozenset(
        word
        for line in text.splitlines()
        if not line.lstrip().startswith("#")
        for word in line.split()
    )


TITLES = _words("titles")
PERSONAL_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx"})
PROFESSIONAL_TITLES = TITLES - PERSONAL_TITLES - {"St", "Saint"}
FUNCTION_WORDS = _words("function_words")
CALENDAR_WORDS = _words("calendar_words")
FAMILY_WORDS = _words("family_words")
DOCUMENT_WORDS = _words("document_words")
# Words of organisations' names; they end a name ("Harbour Domestic Abuse Service").
ORG_WORDS = _words("organisation_words")
# Place and street words that are also surnames ("Grace Hall"): they make a
# candidate need a family word next to it, but do not end it.
PLACE_WORDS = _words("place_words")
HEAD_ORG_WORDS = _words("welsh_organisation_heads")
PARTICLES = _words("particles")
ROLE_MAILBOXES = _words("role_mailboxes")
STREET_WORDS = _words("street_words")
# Words that are never part of a name: a run of capitalised words is split at them.
HARD_STOP = FUNCTION_WORDS | CALENDAR_WORDS | FAMILY_WORDS | DOCUMENT_WORDS | TITLES | ORG_WORDS

# Family words, for the cues around names and contact details.
RELATIVE = (
    r"(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent|son|daughter)|"
    r"(?:half[\W_]?|step-?)?(?:sibling|brother|sister)|grand(?:mother|father|parents?|ma|pa|son|"
    r"daughter)|aunt|uncle|cousin|nephew|niece|partner|ex-partner|boyfriend|girlfriend|husband|"
    r"wife|son|daughter|carer|birth\s+(?:mother|father|parent))"
)
# "Child D", "Mr W": the report's own pseudonyms, never names.
PSEUDONYM = r"(?:Child|Baby|Mr|Mrs|Ms|Miss|Mx|Young\s+Person|Adult)\s+[A-Z](?![\w])"
