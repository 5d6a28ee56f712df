"""A PDF's cross-reference table: missing (truncated), damaged (rebuilt) or ok."""

from __future__ import annotations

import re

#: How far from the end to look for ``startxref`` (the spec says 1024 bytes;
#: some producers and mail systems append more).
TAIL_BYTES = 64 * 1024

_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})")
_OBJ_HEADER = re.compile(rb"\s*\d+\s+\d+\s+obj\b")
_XREF_SUBSECTION = re.compile(rb"xref\s+(\d+)\s+(\d+)\s*")
_XREF_ENTRIES_CHECKED = 8


def xref_state(fh, size: int, header_at: int) -> str:
    """``missing`` (no startxref: truncated), ``damaged`` or ``ok``.

    Reads at most the last 64 kB and a few small chunks; never raises.
    """
    try:
        fh.seek(max(0, size - TAIL_BYTES))
        tail = fh.read(TAIL_BYTES)
        matches = list(_STARTXREF.finditer(tail))
        if not matches:
            return "missing"
        offset = int(matches[-1].group(1))
        # Offsets count from the "%PDF-" header, which is usually byte 0.
        for base in dict.fromkeys((header_at, 0)):
            if _xref_section_ok(fh, size, base, offset):
                return "ok"
        return "damaged"
    except Exception:
        return "damaged"


def _xref_section_ok(fh, size: int, base: int, offset: int) -> bool:
    position = base + offset
    if position >= size:
        return False
    fh.seek(position)
    chunk = fh.read(4096)
    stripped = chunk.lstrip(b" \t\r\n\f\x00")
    if _OBJ_HEADER.match(stripped):  # a cross-reference stream
        return True
    match = _XREF_SUBSECTION.match(stripped)
    if not match:
        return False
    # A classic table: the first few in-use entries must point at objects.
    entries = stripped[match.end() :]
    checked = 0
    for index in range(int(match.group(2))):
        entry = entries[index * 20 : index * 20 + 20]
        if len(entry) < 18:
            break
        fields = entry.split()
        if len(fields) < 3 or fields[2] != b"n":
            continue
        try:
            object_at = int(fields[0])
        except ValueError:
            return False
        if object_at <= 0 or base + object_at >= size:
            return False
        fh.seek(base + object_at)
        if not _OBJ_HEADER.match(fh.read(32)):
            return False
        checked += 1
        if checked >= _XREF_ENTRIES_CHECKED:
            break
    return True
