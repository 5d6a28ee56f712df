"""Flag likely personal data in a report's text so a board manager can clear it.

A pure function over page texts (no database, no language model, nothing
downloaded): regular expressions for the shapes personal data takes, and
context rules that tell a family's details from the board's published contact
details, pseudonyms ("Child D", "Mr W"), organisations, places, headings, the
report's own authors and ordinary event dates.

What is flagged (each kind in its own module):

- **Full names** (``names.py``): two to four capitalised words, also across a
  line break, that are not an organisation, a place, a heading or a named
  author, and are not ordinary words of the report or stand next to a family
  word.
- **Dates of birth** (``dates.py``): a full date only when introduced as one
  ("born on", "DOB", "date of birth").
- **Addresses** and **postcodes** (``addresses.py``), UK **phone numbers**,
  **e-mail addresses** and **NHS numbers** with a right check digit
  (``contacts.py``), unless they are the board's or another organisation's.

The report is read as one text across its page breaks, without its running
headers and footers (``reading.py``); the word lists are data
(``words/*.txt``, read by ``lexicon.py``).

``DETECTOR_VERSION`` changes whenever what is detected changes: the platform
records it on each document and checks published documents again when it
changes.
"""

from .contacts import nhs_number_is_valid
from .detector import personal_data_find
from .findings import PersonalDataFinding, PersonalDataKind

# Bump on every change to what is detected (rules, word lists, reading).
# 1: page by page. 2: across page breaks, running headers and footers apart.
DETECTOR_VERSION = "2"

__all__ = [
    "DETECTOR_VERSION",
    "PersonalDataFinding",
    "PersonalDataKind",
    "nhs_number_is_valid",
    "personal_data_find",
    "personal_data_preload",
]


def personal_data_preload() -> None:
    """Load and warm everything the detector uses, once per process (a worker's start).

    Importing this package reads the word lists and compiles the patterns;
    one small run through every kind warms the rest, so a worker's first
    document is as fast as the others.
    """
    personal_data_find(
        [
            (1, "Serious Case Review: Child A\nThe mother, Jane Doe (DOB 01/02/1990), of"),
            (2, "Serious Case Review: Child A\n12 Acacia Avenue, Northtown NS1 2AB, on 07700"),
            (3, "Serious Case Review: Child A\n900123, e-mail jane@example.org, NHS 943 476 5919."),
        ],
        board_name="Northshire Safeguarding Children Board",
    )
