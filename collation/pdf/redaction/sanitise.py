"""Removing from a PDF everything but its pages' appearance and navigation.

Removed: the document information dictionary and every XMP ``/Metadata``
stream; annotations (links, comments, file attachments, form widgets) and the
AcroForm; embedded files; JavaScript (the names tree, ``/OpenAction``,
document, page and field ``/AA`` actions, and any JavaScript, Launch,
SubmitForm, ImportData or other active action anywhere, outline items
included); page thumbnails (a picture of the unredacted page); application
private data (``/PieceInfo``); article threads; portfolios (``/Collection``).

Kept: outlines, named destinations, page labels, optional content, the
structure tree (tags, for screen readers). Any text string left in the file
(an outline title, a tag's alternate text) that contains a redacted text is
blanked, so those kept parts cannot carry it either.

Old object versions from incremental updates and objects nothing refers to
any more are dropped when qpdf writes the file.
"""

from __future__ import annotations

import pikepdf

from collation.pdf.redaction.locate import squash

_ROOT_KEYS = (
    "/Metadata",
    "/AcroForm",
    "/OpenAction",
    "/AA",
    "/Perms",
    "/Collection",
    "/Threads",
    "/PieceInfo",
    "/SpiderInfo",
    "/Legal",
)
_PAGE_KEYS = ("/Annots", "/AA", "/Thumb", "/PieceInfo", "/B", "/Metadata")
#: Everything in the names tree but named destinations goes.
_NAMES_KEPT = ("/Dests",)
_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/Rendition",
    "/Movie",
    "/Sound",
    "/RichMediaExecute",
    "/GoToE",
    "/Hide",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
}
_EVERYWHERE = ("/AA", "/JS", "/Metadata", "/PieceInfo")
#: What a blanked string becomes.
BLANKED = "[redacted]"


def pdf_sanitise(pdf: pikepdf.Pdf, *, redacted_texts: list[str] = ()) -> None:
    """Strip ``pdf`` in place of metadata, annotations, forms, attachments and scripts."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    root = pdf.Root
    for key in _ROOT_KEYS:
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None:
        kept = {key: names[key] for key in _NAMES_KEPT if key in names}
        root.Names = pikepdf.Dictionary(kept)
    for page in pdf.pages:
        for key in _PAGE_KEYS:
            if key in page.obj:
                del page.obj[key]
    needles = [n for n in (squash(t) for t in redacted_texts) if n]
    for obj in list(pdf.objects):
        _clean(obj, needles)


def _clean(obj: pikepdf.Object, needles: list[str]) -> None:
    """Removes active content from one object and what it holds directly; blanks texts."""
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Array):
        for index, value in enumerate(obj):
            _clean_value(obj, index, value, needles)
        return
    if not isinstance(obj, pikepdf.Dictionary):
        return
    for key in _EVERYWHERE:
        if key in obj:
            del obj[key]
    if _is_action(obj):
        if "/Next" in obj:  # a chain could lead from a harmless action to a script
            del obj["/Next"]
        if str(obj.get("/S")) in _ACTIVE_ACTIONS:
            for key in list(obj.keys()):
                del obj[key]  # an empty dictionary is no action: viewers ignore it
            return
    for key in list(obj.keys()):
        _clean_value(obj, key, obj[key], needles)


def _is_action(obj: pikepdf.Dictionary) -> bool:
    kind = obj.get("/Type")
    return "/S" in obj and (kind is None or kind == pikepdf.Name.Action) and "/K" not in obj


def _clean_value(container: pikepdf.Object, key: object, value: object, needles: list) -> None:
    if isinstance(value, pikepdf.String):
        if needles and _holds(value, needles):
            container[key] = pikepdf.String(BLANKED)
    elif isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
        _clean(value, needles)


def _holds(value: pikepdf.String, needles: list[str]) -> bool:
    try:
        text = squash(str(value))
    except UnicodeDecodeError:  # a binary string (an ID, a hash) is no text to search
        return False
    return any(needle in text for needle in needles)
