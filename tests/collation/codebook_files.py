"""Codebook files for the codebook tests: exports read back, rows written as CSV,
and the state an import could change."""

import csv
import io
import xml.etree.ElementTree as ET

from auditlog.models import LogEntry
from django.utils import timezone

from collation.models import Cause, PracticeIssue, Stage
from collation.services.codebook import COLUMNS
from collation.services.codebook.export import QDC_NAMESPACE, codebook_csv, codebook_qdc
from collation.services.codebook.importing import codebook_import_csv

Q = f"{{{QDC_NAMESPACE}}}"


def export_text() -> str:
    buffer = io.StringIO(newline="")
    codebook_csv(buffer)
    return buffer.getvalue()


def export_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(), newline="")))


def as_csv(rows: list[dict[str, str]], columns=COLUMNS) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def run_import(user, data: bytes):
    return codebook_import_csv(user=user, stream=io.BytesIO(data))


def state():
    """Everything an import could change, and the audit log's length."""
    return (
        list(Stage.objects.order_by("pk").values_list("code", "title", "position")),
        list(
            PracticeIssue.objects.order_by("pk").values_list(
                "code", "stage_id", "title", "why_unclear", "position", "retired_at"
            )
        ),
        list(
            Cause.objects.order_by("pk").values_list("issue_id", "text", "position", "retired_at")
        ),
        LogEntry.objects.count(),
    )


def counts(summary):
    return {
        kind: (c.created, c.updated, c.unchanged)
        for kind, c in (
            ("stages", summary.stages),
            ("issues", summary.issues),
            ("causes", summary.causes),
        )
    }


def qdc_tree(data: bytes | None = None) -> ET.Element:
    return ET.fromstring(data if data is not None else codebook_qdc())


def retire_some():
    """A1 retired; every cause of B1 retired (B1 itself not); one cause of C1 retired."""
    now = timezone.now()
    PracticeIssue.objects.filter(code="A1").update(retired_at=now)
    Cause.objects.filter(issue__code="B1").update(retired_at=now)
    cause = Cause.objects.filter(issue__code="C1").order_by("position").first()
    Cause.objects.filter(pk=cause.pk).update(retired_at=now)
    return cause
