"""Redacted, sanitised copies of PDF reports for publication.

``pdf_redact(source=, target=, requests=, progress=)`` writes a copy of
``source`` in which every occurrence of each requested text on its page is
gone from the page content itself (not only covered) and marked by a black
box, and from which metadata, annotations, forms, attachments and scripts
are removed. See ``engine.py`` for the order of work.

Why these libraries (all permissively licensed; nothing AGPL, so no
PyMuPDF or pdfcpu):

* pikepdf (qpdf, MPL-2.0) parses and writes content streams
  (``parse_content_stream``/``unparse_content_stream``) and whole files. It
  was chosen over pypdf for the rewrite because qpdf's parser is written in
  C++ (a 3,000-glyph page parses in a few milliseconds), it round-trips
  inline images and every operand type exactly, and its writer keeps only
  objects still reachable - the old content streams and old object versions
  of incremental updates cannot survive into the copy.
* pypdfium2 (pdfium, Apache-2.0/BSD) finds the text: the platform's page
  text and search index come from pdfium's text page
  (``collation.pdf.extract``), so the texts managers choose are found in the
  very same reading, with each character's box. It also renders pages that
  must be rasterised, and re-reads the output to check that nothing is left
  in any box (``engine._failed_pages``).
* pdfminer.six (MIT, already here through pdfplumber) supplies the Adobe
  metrics of the standard 14 fonts, which ReportLab writes without widths.

Glyph removal is done by interpreting the content stream ourselves
(``content.py``): neither pikepdf nor pdfium can delete single glyphs while
keeping the rest of a line in place. pdfium's own editing API
(``FPDFText_*``/``FPDFPageObj_*``) rewrites whole text objects and loses
kerning and exact positions.
"""

from collation.pdf.redaction.base import (
    RedactionFailed,
    RedactionOutcome,
    RedactionRequest,
)
from collation.pdf.redaction.engine import pdf_redact

__all__ = ["RedactionFailed", "RedactionOutcome", "RedactionRequest", "pdf_redact"]
