"""The coded corpus as a REFI-QDA project (``.qdpx``), written as it is sent.

See the package's docstring for what goes in. The zip is written entry by
entry into a stream that the response takes from after each document, so
memory holds one document's text at a time (and the project's XML, which
has no text in it). Entries carry a fixed date, so the same data makes the
same bytes.
"""

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from itertools import groupby

from ...models import Coding, DocumentPage, ReviewDocument
from ..codebook.export import QDC_ORIGIN, CodeTree, code_tree, codes_write, guid, xml_text
from .codings import public_codings
from .text import SourceText, source_text

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_NAME = "SCR Learning Platform: coded Serious Case Reviews"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources"
USER_NAME = QDC_ORIGIN
USER_GUID = guid("user", USER_NAME)
# Zip entries are dated 1980-01-01 (the format's first day): the bytes depend on the data only.
_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class ProjectCounts:
    """What the project holds, and how many public codings could not be placed in it."""

    sources: int = 0
    codings: int = 0
    left_out: int = 0

    def description(self) -> str:
        return (
            "Verified codings of published Serious Case Reviews, from the SCR Learning "
            f"Platform: {self.sources} documents (their public text, page by page) and "
            f"{self.codings} codings. Codings left out because their excerpt is no longer "
            f"found on its page: {self.left_out} (codings.csv lists every public coding)."
        )


class _Chunks:
    """A write-only stream for ``zipfile``: keeps what is written until it is taken."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _timestamp(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _created(element: ET.Element, when) -> None:
    element.set("creatingUser", USER_GUID)
    if when:
        element.set("creationDateTime", _timestamp(when))


def _documents() -> Iterator[tuple[ReviewDocument, SourceText]]:
    """Each public document with pages, and its text: one query for the documents, one
    streamed query for every page."""
    documents = {
        document.pk: document
        for document in ReviewDocument.objects.public().select_related("review__board")
    }
    pages = (
        DocumentPage.objects.filter(document__in=ReviewDocument.objects.public())
        .order_by("document_id", "number")
        .values_list("document_id", "number", "text")
        .iterator(chunk_size=500)
    )
    for document_id, rows in groupby(pages, key=lambda row: row[0]):
        document = documents.get(document_id)
        if document is not None:  # made public after the first query: next time
            yield document, source_text((number, text) for _, number, text in rows)


def _source_element(document: ReviewDocument, name: str) -> ET.Element:
    review = document.review
    source_guid = guid("document", str(document.pk))
    element = ET.Element(
        "TextSource",
        {
            "guid": source_guid,
            "name": xml_text(name),
            "plainTextPath": f"internal://{source_guid}.txt",
        },
    )
    _created(element, review.published_at)
    published = f" Published {review.publication_date:%d %B %Y}." if review.publication_date else ""
    ET.SubElement(element, "Description").text = xml_text(
        f"{review.title}. {review.board.name}.{published}"
    )
    return element


def _selection(parent: ET.Element, coding: Coding, span: tuple[int, int], tree: CodeTree):
    """One coding: its passage, coded to its issue and to each of its causes."""
    selection = ET.SubElement(
        parent,
        "PlainTextSelection",
        {
            "guid": guid("coding", str(coding.pk)),
            "startPosition": str(span[0]),
            "endPosition": str(span[1]),
        },
    )
    _created(selection, coding.created_at)
    codes = [tree.issue_guids[coding.issue_id]]
    codes += [tree.cause_guids[cause.pk] for cause in coding.causes.all()]
    for code_guid in codes:
        element = ET.SubElement(
            selection, "Coding", {"guid": guid("coding", str(coding.pk), code_guid)}
        )
        _created(element, coding.created_at)
        ET.SubElement(element, "CodeRef", {"targetGUID": code_guid})


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=_ENTRY_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _project(tree: CodeTree, sources: Iterable[ET.Element], counts: ProjectCounts) -> bytes:
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NAMESPACE,
            "name": PROJECT_NAME,
            "origin": QDC_ORIGIN,
            "creatingUserGUID": USER_GUID,
        },
    )
    users = ET.SubElement(root, "Users")
    ET.SubElement(users, "User", {"guid": USER_GUID, "name": USER_NAME})
    # The schema wants at least one Code in Codes and one source in Sources.
    if tree.stages:
        codes_write(ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes"), tree.stages)
    sources = list(sources)
    if sources:
        ET.SubElement(root, "Sources").extend(sources)
    ET.SubElement(root, "Description").text = counts.description()
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def corpus_qdpx() -> Iterator[bytes]:
    """The public corpus as a REFI-QDA project: the ``.qdpx`` file's bytes, in chunks."""
    tree = code_tree()
    codings: dict[int, list[Coding]] = {}
    total = 0
    for coding in public_codings():
        codings.setdefault(coding.document_id, []).append(coding)
        total += 1
    counts = ProjectCounts()
    names: dict[str, int] = {}
    sources: list[ET.Element] = []
    chunks = _Chunks()
    with zipfile.ZipFile(chunks, "w") as archive:
        for document, source in _documents():
            name = f"{document.review.reference} – {document.get_kind_display()}"
            names[name] = names.get(name, 0) + 1
            element = _source_element(
                document, name if names[name] == 1 else f"{name} ({names[name]})"
            )
            for coding in codings.get(document.pk, []):
                span = source.locate(coding.page, coding.excerpt)
                if span is not None:
                    _selection(element, coding, span, tree)
                    counts.codings += 1
            sources.append(element)
            counts.sources += 1
            path = element.get("plainTextPath").removeprefix("internal://")
            archive.writestr(_entry(f"{SOURCES_FOLDER}/{path}"), source.text.encode("utf-8"))
            yield chunks.take()
        counts.left_out = total - counts.codings
        archive.writestr(_entry(PROJECT_FILE), _project(tree, sources, counts))
    yield chunks.take()
