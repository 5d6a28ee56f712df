"""The coded corpus out: every public coding as CSV, and a REFI-QDA project (``.qdpx``).

What leaves is public and nothing else, by construction: codings come from
``Coding.objects.public()`` (verified by a second analyst, on a public
document) and text from the pages of ``ReviewDocument.objects.public()``, so
any later narrowing of those rules narrows the exports too. The coder is never
named (people's names are not public) and analysts' notes stay inside.

**CSV** (``codings.py``, ``CODING_COLUMNS``): one row per public coding.

**REFI-QDA project** (``qdpx.py``): a zip holding ``project.qde`` (namespace
``urn:QDA-XML:project:1.0``, valid against the standard's ``Project.xsd``,
kept in ``services/codebook/schemas/``) and ``sources/<GUID>.txt``, one
plain-text source per public document (UTF-8, no byte order mark). A source is
its pages' text in order, each headed ``[Page N]`` and separated by a blank
line (``text.py``, ``source_text``), with line breaks written as ``\\n`` only,
so a reader that normalises line endings counts the same positions.

Each coding is a ``PlainTextSelection`` whose ``startPosition`` and
``endPosition`` are offsets in Unicode code points into that text (the first
is 0, the end is one past the last character, as QualCoder, NVivo and ATLAS.ti
read them). The excerpt is found on its page with white space ignored
(``collation.analysis.matching.tolerant_pattern``; the first occurrence wins;
if the case differs, as the coding service allows, it is found regardless),
because the page text can differ from the selection in spacing and line
breaks. A coding whose excerpt is no longer on its page (the text was read
again, or redacted, after coding) has no honest position: it is left out of
the project and counted in the project's ``Description``; the CSV still lists
it. The selection carries one ``Coding`` for the issue and one per cause.

The codebook in the project is the ``.qdc``'s (``codebook.export.code_tree``):
same codes, same GUIDs. Every GUID is UUID 5 of what it names, so the same
data gives the same file. One user, "SCR Learning Platform", creates
everything, since coders are not named.
"""
