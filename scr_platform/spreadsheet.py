"""Every CSV the platform writes goes through ``csv_writer``: safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab, carriage return or NUL in front of one) as a formula: a review title like
``=HYPERLINK(…)`` would become a live link, ``=cmd|…`` a command. Following
OWASP (CSV injection) and ASVS 1.2.10, such a text cell gets a single quote in
front, which spreadsheets read as "this is text".

Numbers are escaped by type, not by look: an ``int``, ``float`` or
``Decimal`` is written as it is, so a figure the platform computed (a change
of -3.5 points) stays a number in the spreadsheet. Only text can carry a
formula, and all text — strings, dates, lazy translations — is checked.

``csv_cell_read`` undoes the quote, for imports that read our own exports back.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")
_QUOTE = "'"


def csv_cell(value):
    """The value as a CSV cell: numbers as they are, text with a quote if it could run."""
    if isinstance(value, int | float | Decimal):  # bool is an int: True stays True
        return value
    text = "" if value is None else str(value)
    return _QUOTE + text if text.startswith(FORMULA_STARTS) else text


def csv_cell_read(text: str) -> str:
    """A cell as ``csv_cell`` wrote it, back to the original text."""
    if text.startswith(_QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeCsvWriter:
    """``csv.writer`` with every cell passed through ``csv_cell``."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        # Returns what the stream's write returned, so a streaming response can yield it.
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> SafeCsvWriter:
    """The one way to write CSV here: like ``csv.writer(stream)``, every cell made safe."""
    return SafeCsvWriter(stream, **options)
