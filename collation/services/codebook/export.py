"""The codebook out: CSV (``EXPORT_COLUMNS``) and the REFI-QDA codebook (``.qdc``).

The code tree (stages → issues → causes, with their GUIDs) is built once, by
``code_tree``, and written both into the ``.qdc`` and into the project
export's codebook (``collation.services.corpus``), so a code has the same GUID
in every file the platform gives out.
"""

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from scr_platform.spreadsheet import csv_writer

from ...models import PracticeIssue, Stage
from . import EXPORT_COLUMNS, NO, NOT_XML, TAGUETTE_PATH_MAX, YES

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
QDC_ORIGIN = "SCR Learning Platform"
# Fixed for ever: every GUID in every export is derived from it.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:scr-learning-platform:codebook")
# Taguette shows a tag's whole path: the stage's part is kept short so the issue's shows.
_STAGE_PART_MAX = 80


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _taxonomy() -> list[tuple[Stage, list[PracticeIssue]]]:
    """Every stage with its issues (causes prefetched), retired ones included, in order."""
    issues = PracticeIssue.objects.select_related("stage").prefetch_related("causes")
    by_stage: dict[int, list[PracticeIssue]] = {}
    for issue in issues.order_by("stage__position", "position", "code"):
        by_stage.setdefault(issue.stage_id, []).append(issue)
    return [(stage, by_stage.get(stage.pk, [])) for stage in Stage.objects.order_by("position")]


# --- CSV export ----------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def taguette_path(stage: Stage, issue: PracticeIssue) -> str:
    """``A. Stage title/A1. Issue title``, at most Taguette's 200 characters.

    Taguette keeps tags flat and groups them by the start of their path, so
    every issue of a stage starts with the same stage part. The codes keep a
    shortened path unique.
    """
    stage_part = _shorten(f"{stage.code}. {stage.title}", _STAGE_PART_MAX)
    issue_part = _shorten(f"{issue.code}. {issue.title}", TAGUETTE_PATH_MAX - len(stage_part) - 1)
    return f"{stage_part}/{issue_part}"


def _csv_rows() -> Iterator[list[str]]:
    for stage, issues in _taxonomy():
        for issue in issues:
            head = [stage.code, stage.title, issue.code, issue.title, _yes_no(issue.why_unclear)]
            path = taguette_path(stage, issue)
            causes = list(issue.causes.all())
            if not issue.is_retired and causes and all(c.retired_at for c in causes):
                # Without this row, "every row says yes" would read as a retired issue.
                yield [*head, "", NO, path]
            for cause in causes:
                retired = issue.is_retired or cause.retired_at is not None
                yield [*head, cause.text, _yes_no(retired), path]
            if not causes:
                yield [*head, "", _yes_no(issue.is_retired), path]


def codebook_csv(stream) -> None:
    """Write the whole taxonomy as CSV (``EXPORT_COLUMNS``) to a text stream."""
    writer = csv_writer(stream)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(_csv_rows())


# --- the code tree, for the REFI-QDA codebook and project ------------------------------


@dataclass
class CodeNode:
    """One ``Code`` element of a REFI-QDA codebook, with the codes below it."""

    guid: str
    name: str
    codable: bool
    description: str = ""
    children: list["CodeNode"] = field(default_factory=list)


@dataclass
class CodeTree:
    """The stages as codes, and which code stands for each issue and cause (by pk)."""

    stages: list[CodeNode]
    issue_guids: dict[int, str]
    cause_guids: dict[int, str]


def guid(*parts: str) -> str:
    """A GUID that is the same in every export: UUID 5 of ``parts`` in our namespace."""
    return str(uuid.uuid5(GUID_NAMESPACE, "\x1f".join(parts))).upper()


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return NOT_XML.sub("", text)


def _unique(name: str, issue_code: str, used: set[str]) -> str:
    """``name``, or ``name (A1)``/``name (A1, 2)`` if another code already has it."""
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name} ({issue_code})" if n == 2 else f"{name} ({issue_code}, {n - 1})"
    used.add(candidate)
    return candidate


def code_tree() -> CodeTree:
    """Stages (not codable) → issues → causes; retired codes kept, not codable.

    Every code's name is unique in the tree: QualCoder keeps one category or
    code per name and would merge two causes worded alike under different
    issues, so a repeated wording is named with its issue's code.
    """
    tree = CodeTree(stages=[], issue_guids={}, cause_guids={})
    taxonomy = _taxonomy()
    used = {stage.code for stage, _ in taxonomy} | {
        i.code for _, issues in taxonomy for i in issues
    }
    for stage, issues in taxonomy:
        stage_node = CodeNode(
            guid=guid("stage", stage.code), name=stage.code, codable=False, description=stage.title
        )
        tree.stages.append(stage_node)
        for issue in issues:
            issue_node = CodeNode(
                guid=guid("issue", issue.code),
                name=issue.code,
                codable=not issue.is_retired,
                description=f"Retired. {issue.title}" if issue.is_retired else issue.title,
            )
            stage_node.children.append(issue_node)
            tree.issue_guids[issue.pk] = issue_node.guid
            seen: dict[str, int] = {}
            for cause in issue.causes.all():
                # The same wording twice under one issue still gets two GUIDs.
                seen[cause.text] = seen.get(cause.text, 0) + 1
                parts = ["cause", issue.code, cause.text]
                if seen[cause.text] > 1:
                    parts.append(str(seen[cause.text]))
                retired = issue.is_retired or cause.retired_at is not None
                cause_node = CodeNode(
                    guid=guid(*parts),
                    name=_unique(cause.text, issue.code, used),
                    codable=not retired,
                    description="Retired." if retired else "",
                )
                issue_node.children.append(cause_node)
                tree.cause_guids[cause.pk] = cause_node.guid
    return tree


def codes_write(parent: ET.Element, nodes: list[CodeNode]) -> None:
    """``Code`` elements for ``nodes`` under ``parent``, in its (default) namespace."""
    for node in nodes:
        element = ET.SubElement(
            parent,
            "Code",
            {
                "guid": node.guid,
                "name": xml_text(node.name),
                "isCodable": "true" if node.codable else "false",
            },
        )
        if node.description:
            # Both schemas want Description before any child Code.
            ET.SubElement(element, "Description").text = xml_text(node.description)
        codes_write(element, node.children)


# --- REFI-QDA codebook export ------------------------------------------------------


def codebook_qdc() -> bytes:
    """The taxonomy as a REFI-QDA codebook (``.qdc``): stages → issues → causes."""
    # Every element is in the codebook namespace, declared once as the default
    # (ElementTree's default_namespace option refuses unqualified attributes).
    root = ET.Element("CodeBook", {"xmlns": QDC_NAMESPACE, "origin": QDC_ORIGIN})
    codes_write(ET.SubElement(root, "Codes"), code_tree().stages)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
