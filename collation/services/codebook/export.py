"""The codebook out: CSV (``COLUMNS``) and the REFI-QDA codebook (``.qdc``)."""

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from scr_platform.spreadsheet import csv_writer

from ...models import PracticeIssue, Stage
from . import COLUMNS, NO, NOT_XML, YES

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
QDC_ORIGIN = "SCR Learning Platform"
# Fixed for ever: every GUID in every export is derived from it.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:scr-learning-platform:codebook")


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


def _csv_rows() -> Iterator[list[str]]:
    for stage, issues in _taxonomy():
        for issue in issues:
            head = [stage.code, stage.title, issue.code, issue.title, _yes_no(issue.why_unclear)]
            causes = list(issue.causes.all())
            if not issue.is_retired and causes and all(c.retired_at for c in causes):
                # Without this row, "every row says yes" would read as a retired issue.
                yield [*head, "", NO]
            for cause in causes:
                retired = issue.is_retired or cause.retired_at is not None
                yield [*head, cause.text, _yes_no(retired)]
            if not causes:
                yield [*head, "", _yes_no(issue.is_retired)]


def codebook_csv(stream) -> None:
    """Write the whole taxonomy as CSV (``COLUMNS``) to a text stream."""
    writer = csv_writer(stream)
    writer.writerow(COLUMNS)
    writer.writerows(_csv_rows())


# --- REFI-QDA codebook export ------------------------------------------------------


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, "\x1f".join(parts))).upper()


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def _code(parent: ET.Element, *, guid: str, name: str, codable: bool, description: str = ""):
    element = ET.SubElement(
        parent,
        "Code",
        {"guid": guid, "name": _xml_text(name), "isCodable": "true" if codable else "false"},
    )
    if description:
        # The schema wants Description before any child Code.
        ET.SubElement(element, "Description").text = _xml_text(description)
    return element


def codebook_qdc() -> bytes:
    """The taxonomy as a REFI-QDA codebook (``.qdc``): stages → issues → causes."""
    # Every element is in the codebook namespace, declared once as the default
    # (ElementTree's default_namespace option refuses unqualified attributes).
    root = ET.Element("CodeBook", {"xmlns": QDC_NAMESPACE, "origin": QDC_ORIGIN})
    codes = ET.SubElement(root, "Codes")
    for stage, issues in _taxonomy():
        stage_element = _code(
            codes,
            guid=_guid("stage", stage.code),
            name=stage.code,
            codable=False,
            description=stage.title,
        )
        for issue in issues:
            description = f"Retired. {issue.title}" if issue.is_retired else issue.title
            issue_element = _code(
                stage_element,
                guid=_guid("issue", issue.code),
                name=issue.code,
                codable=not issue.is_retired,
                description=description,
            )
            seen: dict[str, int] = {}
            for cause in issue.causes.all():
                # The same wording twice under one issue still gets two GUIDs.
                seen[cause.text] = seen.get(cause.text, 0) + 1
                parts = ["cause", issue.code, cause.text]
                if seen[cause.text] > 1:
                    parts.append(str(seen[cause.text]))
                retired = issue.is_retired or cause.retired_at is not None
                _code(
                    issue_element,
                    guid=_guid(*parts),
                    name=cause.text,
                    codable=not retired,
                    description="Retired." if retired else "",
                )
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
