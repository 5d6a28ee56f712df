"""What a file is, if not a PDF: judged from its first bytes, to tell the uploader."""

from __future__ import annotations

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Microsoft Office file, such as a .doc"),
    (b"{\\rtf", "a Rich Text Format (RTF) document"),
    (b"%!PS", "a PostScript file"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)


def describe_content(head: bytes) -> str | None:
    """A short description of what the first bytes of a file look like, if known."""
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return "a Word document (.docx)"
        if b"xl/" in head:
            return "an Excel spreadsheet (.xlsx)"
        if b"ppt/" in head:
            return "a PowerPoint presentation (.pptx)"
        if b"opendocument.text" in head:
            return "an OpenDocument text file (.odt)"
        return "a ZIP file (for example a Word .docx document)"
    text = _as_text(head)
    if text is None:
        return None
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")):
        return "a web page (HTML)"
    if start.startswith("<?xml"):
        return "an XML file"
    return "plain text"


def _as_text(head: bytes) -> str | None:
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        # The sample may end part-way through a character.
        for cut in range(4):
            try:
                text = head[: len(head) - cut].decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            continue
        if not text.strip():
            return None
        printable = sum(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
        if printable / len(text) > 0.95:
            return text
    return None
