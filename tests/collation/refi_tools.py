"""What the REFI-QDA schemas and QualCoder make of our files, for the export tests.

``qualcoder_import_codebook`` reproduces QualCoder's own codebook import
(``src/qualcoder/refi.py``, ``RefiImport.import_codebook`` and ``sub_codes``,
at commit c3204641e0a9 of ccbogel/QualCoder, 22 August 2026) step for step,
on an SQLite database with QualCoder's two tables as its ``__main__.py``
creates them. QualCoder cannot be a test dependency: it is not on PyPI and
its import runs inside a PyQt6 dialog (file picker, message boxes) over an
open project. Its licence is LGPL-3.0; no line of it is copied here, only
what it checks and stores, written again:

* the file is parsed with ElementTree; the namespace version is read from the
  root's children's tags (``{urn:QDA-XML:codebook:<version>}``), and the
  ``Codes`` child must carry it, or nothing is imported;
* each ``Code`` is a *category* (table ``code_cat``) when ``isCodable`` is
  exactly ``"false"``, otherwise a *code* (table ``code_name``); a code's
  ``Description`` becomes its memo; a category's children hang from it
  (``catid``/``supercatid``), a code's children become its sub-codes
  (``supercid``), and a category under a code is a top-level category;
* both tables have ``unique(name)``: a second category or code with a name
  already used is not stored (the existing one is reused, silently), so the
  count of imported items falls short of the file's codes.
"""

import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[2] / "collation" / "services" / "codebook" / "schemas"

# As QualCoder's __main__.py creates them (only the two tables a codebook fills).
_QUALCODER_TABLES = (
    "CREATE TABLE code_cat (catid integer primary key, name text, owner text, date text, "
    "memo text, supercatid integer, unique(name))",
    "CREATE TABLE code_name (cid integer primary key, name text, memo text, catid integer, "
    "owner text, date text, color text, supercid integer, unique(name))",
)


def schema_errors(xml: bytes, schema: str) -> list[str]:
    """What ``schema`` (``Project.xsd`` or ``Codebook.xsd``) finds wrong in ``xml``."""
    validator = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    if validator.validate(etree.fromstring(xml)):
        return []
    return [f"line {error.line}: {error.message}" for error in validator.error_log]


@dataclass
class QualCoderImport:
    counter: int  # what QualCoder reports as "categories and codes imported"
    db: sqlite3.Connection

    def categories(self) -> dict[str, tuple]:
        rows = self.db.execute("select name, catid, supercatid, memo from code_cat")
        return {name: (catid, supercatid, memo) for name, catid, supercatid, memo in rows}

    def codes(self) -> dict[str, tuple]:
        rows = self.db.execute("select name, cid, catid, supercid, memo from code_name")
        return {name: (cid, catid, supercid, memo) for name, cid, catid, supercid, memo in rows}


def _sub_codes(db, element, ns: str, cat_id, super_cid) -> int:
    children = list(element)
    description = ""
    for child in children:
        if child.tag == f"{ns}Description":
            description = child.text
    codes = [child for child in children if child.tag == f"{ns}Code"]
    name = element.get("name")
    counter = 0
    if element.get("isCodable") == "false":
        catid = None
        if name is not None:
            try:
                cursor = db.execute(
                    "insert into code_cat (name, memo, owner, date, supercatid) "
                    "values (?, ?, '', '', ?)",
                    [name, description, cat_id],
                )
                catid, counter = cursor.lastrowid, 1
            except sqlite3.IntegrityError:
                catid = db.execute("select catid from code_cat where name=?", [name]).fetchone()[0]
        return counter + sum(_sub_codes(db, child, ns, catid, None) for child in codes)
    cid = None
    if name is not None:
        link_catid, link_supercid = (None, super_cid) if super_cid is not None else (cat_id, None)
        try:
            cursor = db.execute(
                "insert into code_name (name, memo, owner, date, catid, color, supercid) "
                "values (?, ?, '', '', ?, '#000000', ?)",
                [name, description, link_catid, link_supercid],
            )
            cid, counter = cursor.lastrowid, 1
        except sqlite3.IntegrityError:
            cid = db.execute("select cid from code_name where name=?", [name]).fetchone()[0]
    return counter + sum(_sub_codes(db, child, ns, None, cid) for child in codes)


def qualcoder_import_codebook(data: bytes) -> QualCoderImport | None:
    """QualCoder's codebook import of ``data``; None where QualCoder imports nothing."""
    root = ET.fromstring(data)
    version = "1.0"
    for child in root:
        if "{urn:QDA-XML:codebook:" in child.tag:
            version = child.tag.split("{urn:QDA-XML:codebook:")[1].split("}")[0]
    db = sqlite3.connect(":memory:")
    for statement in _QUALCODER_TABLES:
        db.execute(statement)
    for child in root:
        for ns in (f"{{urn:QDA-XML:codebook:{version}}}", f"{{urn:QDA-XML:project:{version}}}"):
            if child.tag == f"{ns}Codes":
                counter = sum(_sub_codes(db, code, ns, None, None) for code in child)
                return QualCoderImport(counter=counter, db=db)
    return None
