"""The practice-issue taxonomy as an exchangeable codebook: CSV both ways, REFI-QDA out.

**CSV** (``COLUMNS``): one row per cause; an issue without causes has one row
with an empty cause. Retired issues and causes are included, so the file is
the whole taxonomy. ``retired`` reads:

* ``yes`` on a cause's row retires that cause;
* ``yes`` on *every* row of an issue retires the issue (its causes keep their
  own state). An active issue whose causes are all retired is exported with an
  extra row without a cause saying ``no``, so the file says exactly what is
  retired and a round trip changes nothing.

The import validates the whole file before it writes anything, then in one
transaction creates what is missing, updates titles, and retires what the file
retires. It never deletes (codings refer to issues and causes) and never brings
back something retired: that is a deliberate step on the taxonomy pages.
A cause has no code, so it is matched by its exact text within its issue: a
reworded cause is a new cause (retire the old wording's row to retire it).

The export adds a last column, ``path`` (``EXPORT_COLUMNS``), for Taguette:
its codebook import (``taguette.import_codebook.list_tags`` in 1.5.2) needs
exactly one of the columns ``tag``, ``name`` or ``path``, a non-empty value on
every row, and at most 200 characters (``taguette.validate.tag_path``). The
path is ``A. Stage title/A1. Issue title`` (titles shortened with "…" to fit),
so Taguette gets one tag per issue, grouped by stage: it keeps the first row
of each path and leaves the repeats (one per cause) unticked. Our own import
ignores the column, so an exported file still comes back unchanged.

**REFI-QDA codebook** (``.qdc``): the Codebook.xsd of the REFI-QDA standard
(namespace ``urn:QDA-XML:codebook:1.0``): ``CodeBook/@origin`` → ``Codes`` →
nested ``Code`` elements, each with the required ``guid``, ``name`` and
``isCodable`` attributes and an optional ``Description`` before its children.
A stage is a non-codable parent named by its code, an issue a codable child
named by its code with its title as description, a cause a codable
grandchild named by its text. Retired issues and causes are kept (their GUIDs
stay valid for earlier exchanges) but are not codable. GUIDs are UUID 5 of the
codes, so they are the same in every export.

The export is in ``export.py``; the import reads and checks the file in
``reading.py`` and applies it in ``importing.py``. What all three share is here.
"""

import re

COLUMNS = (
    "stage_code",
    "stage_title",
    "issue_code",
    "issue_title",
    "why_unclear",
    "cause",
    "retired",
)
TAGUETTE_PATH = "path"
TAGUETTE_PATH_MAX = 200
EXPORT_COLUMNS = (*COLUMNS, TAGUETTE_PATH)
# Characters XML 1.0 cannot carry (tab, line feed and carriage return can): the
# export drops them, the import refuses them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
YES, NO = "yes", "no"
