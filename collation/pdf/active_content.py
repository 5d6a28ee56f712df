"""Active content in a PDF: scripts and actions that open files or programs.

Looked for in the places a PDF can hold actions (the document's names tree,
open action and additional actions, form fields, pages and their links),
within a fixed budget of objects, so a hostile file cannot make the walk
endless.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

#: Objects looked at when searching for scripts before giving up.
ACTIVE_CONTENT_BUDGET = 200_000


class _BudgetExceeded(Exception):
    pass


_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "Launch",
    "/ImportData": "ImportData",
    "/RichMediaExecute": "RichMediaExecute",
}


def active_content_find(path: Path, page_count: int) -> str | None:
    """The kind of active content found (e.g. ``"JavaScript"``), ``"unchecked"``, or ``None``.

    ``"unchecked"`` when the budget ran out first; a structure pypdf cannot
    walk raises whatever pypdf raised.
    """
    reader = PdfReader(str(path), strict=False)
    try:
        return _ActionScan(ACTIVE_CONTENT_BUDGET).document(reader, page_count)
    except _BudgetExceeded:
        return "unchecked"


class _ActionScan:
    """Walks the places a PDF can hold actions, within a budget of objects."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.seen: set[tuple[str, int]] = set()

    def _resolve(self, obj):
        self.budget -= 1
        if self.budget < 0:
            raise _BudgetExceeded
        try:
            return obj.get_object() if obj is not None else None
        except Exception:
            return None  # a dangling reference cannot run either

    def document(self, reader, page_count: int) -> str | None:

        root = self._resolve(reader.trailer.get("/Root"))
        if not isinstance(root, DictionaryObject):
            raise ValueError("no document catalogue")
        names = self._resolve(root.get("/Names"))
        if isinstance(names, DictionaryObject) and "/JavaScript" in names:
            return "JavaScript"
        found = self.action(root.get("/OpenAction")) or self.triggers(root.get("/AA"))
        if found:
            return found
        acroform = self._resolve(root.get("/AcroForm"))
        if isinstance(acroform, DictionaryObject):
            found = self.fields(acroform.get("/Fields"))
            if found:
                return found
        for index, page in enumerate(reader.pages):
            if index >= page_count:
                break
            found = self.triggers(page.get("/AA"))
            if found:
                return found
            annots = self._resolve(page.get("/Annots"))
            if not isinstance(annots, ArrayObject):
                continue
            for annot_ref in annots:
                annot = self._resolve(annot_ref)
                if isinstance(annot, DictionaryObject):
                    found = self.action(annot.get("/A")) or self.triggers(annot.get("/AA"))
                    if found:
                        return found
        return None

    def fields(self, fields_ref) -> str | None:

        stack = [fields_ref]
        while stack:
            fields = self._resolve(stack.pop())
            if not isinstance(fields, ArrayObject):
                continue
            for field_ref in fields:
                key = getattr(field_ref, "idnum", None)
                if key is not None:
                    if ("field", key) in self.seen:
                        continue
                    self.seen.add(("field", key))
                field = self._resolve(field_ref)
                if not isinstance(field, DictionaryObject):
                    continue
                found = self.action(field.get("/A")) or self.triggers(field.get("/AA"))
                if found:
                    return found
                stack.append(field.get("/Kids"))
        return None

    def triggers(self, aa_ref) -> str | None:
        """An additional-actions dictionary: each value is an action."""

        aa = self._resolve(aa_ref)
        if not isinstance(aa, DictionaryObject):
            return None
        for value in aa.values():
            found = self.action(value)
            if found:
                return found
        return None

    def action(self, action_ref) -> str | None:
        """An action and the chain of actions in its ``/Next``."""

        stack = [action_ref]
        while stack:
            ref = stack.pop()
            key = getattr(ref, "idnum", None)
            if key is not None:
                if ("action", key) in self.seen:
                    continue
                self.seen.add(("action", key))
            action = self._resolve(ref)
            if isinstance(action, ArrayObject) and ref is not action_ref:
                stack.extend(action)  # /Next may be an array of actions
                continue
            if not isinstance(action, DictionaryObject):
                continue  # e.g. an /OpenAction that is only a destination
            if "/JS" in action:
                return "JavaScript"
            kind = _ACTIVE_ACTIONS.get(str(action.get("/S", "")))
            if kind:
                return kind
            following = action.get("/Next")
            if following is not None:
                stack.append(following)
        return None
