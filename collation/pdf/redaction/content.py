"""Removing glyphs from a page's content stream, keeping every other glyph where it was.

The stream is parsed with pikepdf (``parse_content_stream``) and interpreted
as a viewer would: the current transformation matrix (``q``/``Q``/``cm``),
the text matrices (``BT``, ``Td``, ``TD``, ``Tm``, ``T*``) and the text state
(``Tf``, ``Tc``, ``Tw``, ``Tz``, ``TL``, ``Ts``). For each glyph that ``Tj``,
``TJ``, ``'`` and ``"`` show, its box in page space is worked out from the
font's widths and heights (``fonts.py``); a glyph whose box has its centre in
a redaction box is dropped and its advance (width, character and word
spacing) becomes a ``TJ`` displacement, so the glyphs after it, on the same
line and in the same string, stay exactly where they were (``glyphs.py``).
Strings on a baseline that crosses no box are passed over untouched, and
their advance is only worked out when another string follows on the line.

Form XObjects that reach into a box are rewritten too, as a new copy (the
original may be shared with other pages). An image under a box, a font whose
glyph positions cannot be known, or nesting too deep raises ``NeedsRaster``:
the caller rasterises that page instead of leaving text in it. A marked
content sequence that loses a glyph also loses its ``/ActualText``, ``/Alt``
and ``/E``, which would otherwise still carry the words.

Only pages with boxes are interpreted; other pages keep their streams as
they were.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pikepdf

from collation.pdf.redaction import glyphs
from collation.pdf.redaction.base import (
    IDENTITY,
    Matrix,
    NeedsRaster,
    Rect,
    multiply,
    overlaps,
    transform_rect,
)
from collation.pdf.redaction.fonts import FontMetrics, font_metrics
from collation.pdf.redaction.glyphs import TextState, clear_of, heights

MAX_FORM_DEPTH = 8
_UNIT_SQUARE: Rect = (0.0, 0.0, 1.0, 1.0)
_HIDING_KEYS = ("/ActualText", "/Alt", "/E")

Instruction = tuple[list, pikepdf.Operator]


@dataclass
class Rewritten:
    instructions: list
    removed: int  # glyphs dropped here and in nested forms
    new_xobjects: dict[str, pikepdf.Object]  # to add to this level's /XObject resources


class StreamRewriter:
    """Drops the glyphs under ``boxes`` (page space) from one page and the forms it draws."""

    def __init__(self, pdf: pikepdf.Pdf, boxes: list[Rect]) -> None:
        self.pdf = pdf
        self.boxes = boxes
        self._metrics: dict[tuple[int, int], FontMetrics] = {}
        self._names = 0

    def rewrite(
        self,
        instructions: list,
        resources: pikepdf.Object,
        ctm: Matrix = IDENTITY,
        text: TextState | None = None,
        depth: int = 0,
    ) -> Rewritten:
        if depth > MAX_FORM_DEPTH:
            raise NeedsRaster("the page nests drawings too deeply to be rewritten")
        run = _Run(self, resources, ctm, text or TextState(), depth)
        for operands, operator in instructions:
            run.step(list(operands), operator)
        return run.finish()

    def metrics(self, font: pikepdf.Object) -> FontMetrics:
        if not font.is_indirect:  # no identity to remember it by (and rare)
            return font_metrics(font)
        if font.objgen not in self._metrics:
            self._metrics[font.objgen] = font_metrics(font)
        return self._metrics[font.objgen]

    def new_name(self, taken: pikepdf.Object | None) -> str:
        while True:
            self._names += 1
            name = f"/RdX{self._names}"
            if taken is None or name not in taken:
                return name


class _Run:
    """The interpreter's state over one stream (a page's or a form's)."""

    def __init__(
        self,
        owner: StreamRewriter,
        resources: pikepdf.Object,
        ctm: Matrix,
        text: TextState,
        depth: int,
    ) -> None:
        self.owner = owner
        self.resources = resources
        self.ctm = ctm
        self.text = text
        self.depth = depth
        self.stack: list[tuple[Matrix, TextState]] = []
        self.tm = self.tlm = IDENTITY
        self.pending: tuple | None = None
        self.out: list = []
        self.removed = 0
        self.new_xobjects: dict[str, pikepdf.Object] = {}
        #: open marked-content sequences: (index in ``out`` of the BDC, lost a glyph)
        self.marked: list[list] = []

    # -- the operators ---------------------------------------------------------------

    def step(self, operands: list, operator: pikepdf.Operator) -> None:
        op = str(operator)
        handler = _HANDLERS.get(op)
        if handler is None:
            if op == "INLINE IMAGE":
                self._image_at(self.ctm)
            self.out.append((operands, operator))
            return
        handler(self, operands, operator)

    def _q(self, operands: list, operator: pikepdf.Operator) -> None:
        self.stack.append((self.ctm, self.text))
        self.out.append((operands, operator))

    def _Q(self, operands: list, operator: pikepdf.Operator) -> None:
        if not self.stack:  # an unmatched Q does nothing; dropped so it cannot undo ours
            return
        self.ctm, self.text = self.stack.pop()
        self.out.append((operands, operator))

    def _cm(self, operands: list, operator: pikepdf.Operator) -> None:
        self.ctm = multiply(_matrix(operands), self.ctm)
        self.out.append((operands, operator))

    def _bt(self, operands: list, operator: pikepdf.Operator) -> None:
        self.tm = self.tlm = IDENTITY
        self.pending = None
        self.out.append((operands, operator))

    def _state(self, operands: list, operator: pikepdf.Operator) -> None:
        op, value = str(operator), operands
        if op == "Tf":
            fonts = self.resources.get("/Font") if self.resources is not None else None
            font = fonts.get(str(value[0])) if fonts is not None else None
            self.text = replace(self.text, font=font, size=float(value[1]))
        elif op == "Tc":
            self.text = replace(self.text, char_spacing=float(value[0]))
        elif op == "Tw":
            self.text = replace(self.text, word_spacing=float(value[0]))
        elif op == "Tz":
            self.text = replace(self.text, scale=float(value[0]) / 100)
        elif op == "TL":
            self.text = replace(self.text, leading=float(value[0]))
        elif op == "Ts":
            self.text = replace(self.text, rise=float(value[0]))
        self.out.append((operands, operator))

    def _gs(self, operands: list, operator: pikepdf.Operator) -> None:
        states = self.resources.get("/ExtGState") if self.resources is not None else None
        state = states.get(str(operands[0])) if states is not None else None
        if state is not None and "/Font" in state:
            font, size = state.Font[0], float(state.Font[1])
            self.text = replace(self.text, font=font, size=size)
        self.out.append((operands, operator))

    def _move(self, operands: list, operator: pikepdf.Operator) -> None:
        op = str(operator)
        self.pending = None  # every one of these sets tm afresh from the line matrix
        if op == "Tm":
            self.tm = self.tlm = _matrix(operands)
        else:
            if op == "T*":
                tx, ty = 0.0, -self.text.leading
            else:
                tx, ty = float(operands[0]), float(operands[1])
                if op == "TD":
                    self.text = replace(self.text, leading=-ty)
            self.tm = self.tlm = multiply((1, 0, 0, 1, tx, ty), self.tlm)
        self.out.append((operands, operator))

    def _show(self, operands: list, operator: pikepdf.Operator) -> None:
        op = str(operator)
        if op == '"':
            self._state([operands[0]], pikepdf.Operator("Tw"))
            self._state([operands[1]], pikepdf.Operator("Tc"))
            operands = [operands[2]]
        if op in {"'", '"'}:
            self._move([], pikepdf.Operator("T*"))
        items = list(operands[0]) if op == "TJ" else [operands[0]]
        kept, removed = self._glyphs(items)
        if not removed:
            shown = pikepdf.Operator("TJ" if op == "TJ" else "Tj")
            self.out.append(([operands[0]], shown))
            return
        self.removed += removed
        for entry in self.marked:
            entry[1] = True
        self.out.append(([pikepdf.Array(kept)], pikepdf.Operator("TJ")))

    def _do(self, operands: list, operator: pikepdf.Operator) -> None:
        xobjects = self.resources.get("/XObject") if self.resources is not None else None
        xobject = xobjects.get(str(operands[0])) if xobjects is not None else None
        if xobject is None or not isinstance(xobject, pikepdf.Stream):
            self.out.append((operands, operator))
            return
        subtype = xobject.get("/Subtype")
        if subtype == pikepdf.Name.Image:
            self._image_at(self.ctm)
        elif subtype == pikepdf.Name.Form:
            new_name = self._form(xobject, xobjects)
            if new_name is not None:
                operands = [pikepdf.Name(new_name)]
        self.out.append((operands, operator))

    def _marked_begin(self, operands: list, operator: pikepdf.Operator) -> None:
        self.marked.append([len(self.out), False])
        self.out.append((operands, operator))

    def _marked_end(self, operands: list, operator: pikepdf.Operator) -> None:
        if self.marked:
            index, lost_glyph = self.marked.pop()
            bdc_operands, bdc = self.out[index]
            if lost_glyph and len(bdc_operands) == 2:
                properties = bdc_operands[1]
                if isinstance(properties, pikepdf.Dictionary):
                    kept = {k: v for k, v in properties.items() if k not in _HIDING_KEYS}
                    self.out[index] = ([bdc_operands[0], pikepdf.Dictionary(kept)], bdc)
        self.out.append((operands, operator))

    # -- glyphs, images, forms ---------------------------------------------------------

    def _glyphs(self, items: list) -> tuple[list, int]:
        """The ``TJ`` array without the glyphs under a box, and how many went."""
        state = self.text
        if state.font is None:
            raise NeedsRaster("text on the page is drawn without a font")
        metrics = self.owner.metrics(state.font)
        self._text_matrix()
        to_page = multiply(self.tm, self.ctm)
        if clear_of(self.owner.boxes, to_page, *heights(state, metrics)):
            # Work out how far the text moved only if something is shown after it
            # before the next line: most lines are one string (see ``_text_matrix``).
            self.pending = (items, metrics, state)
            return items, 0
        kept, removed, x = glyphs.without_boxed(items, state, metrics, to_page, self.owner.boxes)
        self.tm = multiply((1, 0, 0, 1, x, 0), self.tm)
        return kept, removed

    def _text_matrix(self) -> None:
        """Brings ``tm`` up to date with a string shown earlier whose advance was put off."""
        if self.pending is not None:
            advance = glyphs.advance(*self.pending)
            self.tm = multiply((1, 0, 0, 1, advance, 0), self.tm)
            self.pending = None

    def _image_at(self, ctm: Matrix) -> None:
        if overlaps(transform_rect(ctm, _UNIT_SQUARE), self.owner.boxes):
            raise NeedsRaster("a picture lies under a redaction box")

    def _form(self, form: pikepdf.Stream, xobjects: pikepdf.Object) -> str | None:
        """Rewrites a form that reaches into a box; the name of its new copy, if it changed."""
        matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
        ctm = multiply(matrix, self.ctm)  # type: ignore[arg-type]
        bbox = form.get("/BBox")
        if bbox is not None and len(bbox) == 4:
            area = transform_rect(ctm, tuple(float(v) for v in bbox))  # type: ignore[arg-type]
            if not overlaps(area, self.owner.boxes):
                return None
        resources = form.get("/Resources", self.resources)
        result = self.owner.rewrite(
            pikepdf.parse_content_stream(form), resources, ctm, self.text, self.depth + 1
        )
        if not result.removed:
            return None
        self.removed += result.removed
        copy = self.owner.pdf.make_stream(
            pikepdf.unparse_content_stream(balanced(result.instructions))
        )
        for key, value in form.items():
            if key not in {"/Length", "/Filter", "/DecodeParms"}:
                copy[key] = value
        if result.new_xobjects:
            copy.Resources = with_xobjects(resources, result.new_xobjects)
        name = self.owner.new_name(xobjects)
        self.new_xobjects[name] = self.owner.pdf.make_indirect(copy)
        return name

    def finish(self) -> Rewritten:
        return Rewritten(
            balanced(self.out, open_q=len(self.stack)), self.removed, self.new_xobjects
        )


def balanced(instructions: list, open_q: int = 0) -> list:
    """``instructions`` with a ``Q`` for each ``q`` left open (so nothing leaks past it)."""
    return instructions + [([], pikepdf.Operator("Q"))] * open_q


def with_xobjects(resources: pikepdf.Object | None, added: dict) -> pikepdf.Dictionary:
    """A new resources dictionary: ``resources`` plus ``added`` XObjects."""
    copy = (
        pikepdf.Dictionary(dict(resources.items()))
        if resources is not None
        else pikepdf.Dictionary()
    )
    xobjects = copy.get("/XObject")
    merged = dict(xobjects.items()) if xobjects is not None else {}
    merged.update(added)
    copy.XObject = pikepdf.Dictionary(merged)
    return copy


def _matrix(operands: list) -> Matrix:
    if len(operands) != 6:
        raise NeedsRaster("the page has a malformed transformation")
    return tuple(float(v) for v in operands)  # type: ignore[return-value]


_HANDLERS = {
    "q": _Run._q,
    "Q": _Run._Q,
    "cm": _Run._cm,
    "BT": _Run._bt,
    "Tf": _Run._state,
    "Tc": _Run._state,
    "Tw": _Run._state,
    "Tz": _Run._state,
    "TL": _Run._state,
    "Ts": _Run._state,
    "gs": _Run._gs,
    "Td": _Run._move,
    "TD": _Run._move,
    "Tm": _Run._move,
    "T*": _Run._move,
    "Tj": _Run._show,
    "TJ": _Run._show,
    "'": _Run._show,
    '"': _Run._show,
    "Do": _Run._do,
    "BDC": _Run._marked_begin,
    "BMC": _Run._marked_begin,
    "EMC": _Run._marked_end,
}
