"""The practice-issue taxonomy as an exchangeable codebook: CSV both ways, REFI-QDA out.

**CSV** (``COLUMNS``): one row per cause; an issue without causes has one row
with an empty cause. Retired issues and causes are included, so the file is
the whole taxonomy. ``retired`` reads:

* ``yes`` on a cause's row retires that cause;
* ``yes`` on *every* row of an issue retires the issue (its causes keep their
  own state). An active issue whose causes are all retired is exported with an
  extra row without a cause saying ``no``, so the file says exactly what is
  retired and a round trip changes nothing.

The import validates the whole file before it writes anything, then in one
transaction creates what is missing, updates titles, and retires what the file
retires. It never deletes (codings refer to issues and causes) and never brings
back something retired: that is a deliberate step on the taxonomy pages.
A cause has no code, so it is matched by its exact text within its issue: a
reworded cause is a new cause (retire the old wording's row to retire it).

**REFI-QDA codebook** (``.qdc``): the Codebook.xsd of the REFI-QDA standard
(namespace ``urn:QDA-XML:codebook:1.0``): ``CodeBook/@origin`` → ``Codes`` →
nested ``Code`` elements, each with the required ``guid``, ``name`` and
``isCodable`` attributes and an optional ``Description`` before its children.
A stage is a non-codable parent named by its code, an issue a codable child
named by its code with its title as description, a cause a codable
grandchild named by its text. Retired issues and causes are kept (their GUIDs
stay valid for earlier exchanges) but are not codable. GUIDs are UUID 5 of the
codes, so they are the same in every export.
"""

import csv
import io
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role
from scr_platform.spreadsheet import csv_cell_read, csv_writer

from ..models import Cause, PracticeIssue, Stage
from .trends import trends_changed

COLUMNS = (
    "stage_code",
    "stage_title",
    "issue_code",
    "issue_title",
    "why_unclear",
    "cause",
    "retired",
)

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
QDC_ORIGIN = "SCR Learning Platform"
# Fixed for ever: every GUID in every export is derived from it.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:scr-learning-platform:codebook")

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_MESSAGES = 50
STAGE_CODE_MAX = Stage._meta.get_field("code").max_length
ISSUE_CODE_MAX = PracticeIssue._meta.get_field("code").max_length
STAGE_TITLE_MAX = Stage._meta.get_field("title").max_length
ISSUE_TITLE_MAX = 500
CAUSE_MAX = 500

# The same codes the taxonomy pages accept: H, or C9 (a stage's letters and a number).
STAGE_CODE = re.compile(r"[A-Z]{1,2}")
ISSUE_CODE = re.compile(r"(?P<stage>[A-Z]{1,2})\d{1,3}")
# Characters XML 1.0 cannot carry (tab, line feed and carriage return can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_YES, _NO = "yes", "no"
_BOOLEANS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "": False,
}


def _yes_no(value: bool) -> str:
    return _YES if value else _NO


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
                yield [*head, "", _NO]
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
    return _NOT_XML.sub("", text)


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


# --- CSV import ------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportSummary:
    """What an import did, by kind of item named in the file."""

    stages: Counts = field(default_factory=Counts)
    issues: Counts = field(default_factory=Counts)
    causes: Counts = field(default_factory=Counts)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in (self.stages, self.issues, self.causes))

    def __str__(self) -> str:
        return f"Stages: {self.stages}. Issues: {self.issues}. Causes: {self.causes}."


@dataclass
class _Row:
    number: int
    stage_code: str
    stage_title: str
    issue_code: str
    issue_title: str
    why_unclear: bool
    cause: str
    retired: bool


class _Problems:
    """Messages naming the row, reported together, in row order."""

    def __init__(self):
        self.items: list[tuple[int, str]] = []

    def add(self, row: int, message: str) -> None:
        self.items.append((row, f"Row {row}: {message}"))

    def __bool__(self) -> bool:
        return bool(self.items)

    def error(self) -> ValidationError:
        messages = [message for _, message in sorted(self.items, key=lambda item: item[0])]
        if len(messages) > MAX_MESSAGES:
            rest = len(messages) - MAX_MESSAGES
            messages = [*messages[:MAX_MESSAGES], f"… and {rest} more problems."]
        return ValidationError(messages)


def _fail(message: str) -> ValidationError:
    return ValidationError([message])


def _row_of_offset(data: bytes, offset: int) -> int:
    """The CSV row (counting the header as row 1) holding byte ``offset``."""
    prefix = data[:offset].decode("utf-8-sig", errors="replace")
    try:
        # The "x" stands for the bad byte, so the row it starts is counted.
        return sum(1 for _ in csv.reader(io.StringIO(prefix + "x", newline="")))
    except csv.Error:
        return prefix.count("\n") + 1


def _read_text(stream) -> str:
    data = stream.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise _fail(f"The file must be smaller than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = _row_of_offset(data, error.start)
        raise _fail(
            f"Row {row}: the file is not UTF-8 text. "
            "Save it from your spreadsheet as “CSV UTF-8” and upload it again."
        ) from None


def _check_text(problems, number, value, *, what, limit, required=True) -> None:
    if not value:
        if required:
            problems.add(number, f"enter the {what}.")
    elif len(value) > limit:
        problems.add(number, f"the {what} is too long ({len(value)} characters; at most {limit}).")
    elif _NOT_XML.search(value):
        problems.add(number, f"the {what} contains a control character; remove it.")


def _parse_row(problems: _Problems, number: int, cells: dict[str, str]) -> _Row | None:
    before = len(problems.items)
    stage_code, issue_code = cells["stage_code"].upper(), cells["issue_code"].upper()
    if not stage_code:
        problems.add(number, "enter a stage code, like A.")
    elif len(stage_code) > STAGE_CODE_MAX:
        problems.add(number, f"the stage code “{stage_code}” is too long.")
    elif not STAGE_CODE.fullmatch(stage_code):
        problems.add(number, f"“{stage_code}” is not a stage code: use one or two letters, like A.")
    if not issue_code:
        problems.add(number, "enter an issue code, like A1.")
    elif len(issue_code) > ISSUE_CODE_MAX:
        problems.add(number, f"the issue code “{issue_code}” is too long.")
    elif not (match := ISSUE_CODE.fullmatch(issue_code)):
        problems.add(
            number,
            f"“{issue_code}” is not an issue code: use its stage's letters and a number, like A1.",
        )
    elif STAGE_CODE.fullmatch(stage_code) and match["stage"] != stage_code:
        problems.add(
            number,
            f"issue {issue_code} cannot be in stage {stage_code}: "
            f"an issue's code starts with its stage's code.",
        )
    _check_text(problems, number, cells["stage_title"], what="stage title", limit=STAGE_TITLE_MAX)
    _check_text(problems, number, cells["issue_title"], what="issue title", limit=ISSUE_TITLE_MAX)
    _check_text(problems, number, cells["cause"], what="cause", limit=CAUSE_MAX, required=False)
    flags = {}
    for name in ("why_unclear", "retired"):
        value = cells[name].lower()
        if value not in _BOOLEANS:
            problems.add(number, f"{name} must be yes or no, not “{cells[name]}”.")
        flags[name] = _BOOLEANS.get(value, False)
    if len(problems.items) > before:
        return None
    return _Row(
        number=number,
        stage_code=stage_code,
        stage_title=cells["stage_title"],
        issue_code=issue_code,
        issue_title=cells["issue_title"],
        why_unclear=flags["why_unclear"],
        cause=cells["cause"],
        retired=flags["retired"],
    )


def _parse(text: str, problems: _Problems) -> list[_Row]:
    """Read and check every row on its own; rows with problems are left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[_Row] = []
    number = 0
    try:
        header = next(reader, None)
        number = 1
        if header is None:
            raise _fail("The file is empty.")
        names = [cell.strip().lower() for cell in header]
        missing = [column for column in COLUMNS if column not in names]
        if missing:
            noun = "column" if len(missing) == 1 else "columns"
            raise _fail(
                f"Row 1: the file has no {noun} {', '.join(missing)}. "
                f"The first row must name the columns: {', '.join(COLUMNS)}."
            )
        twice = sorted({n for n in names if n in COLUMNS and names.count(n) > 1})
        if twice:
            raise _fail(f"Row 1: the column {', '.join(twice)} appears more than once.")
        index = {name: names.index(name) for name in COLUMNS}
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue  # spreadsheets leave blank lines at the end
            cells = {
                # Our export quotes text that starts like a formula: read it back unquoted.
                name: csv_cell_read(record[i].strip()) if i < len(record) else ""
                for name, i in index.items()
            }
            row = _parse_row(problems, number, cells)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.add(number + 1, f"this is not readable CSV ({error}).")
    if not rows and not problems:
        raise _fail("The file has no rows under its column names.")
    return rows


@dataclass
class _Plan:
    """What the file asks for, per stage and issue (first row that names each)."""

    stages: dict[str, _Row] = field(default_factory=dict)
    issues: dict[str, _Row] = field(default_factory=dict)
    issue_rows: dict[str, list[_Row]] = field(default_factory=dict)
    retire_issue: dict[str, bool] = field(default_factory=dict)


def _plan(rows: list[_Row], problems: _Problems) -> _Plan:
    """Check that rows agree with each other about each stage, issue and cause."""
    plan = _Plan()
    causes_seen: dict[tuple[str, str], int] = {}
    for row in rows:
        first = plan.stages.setdefault(row.stage_code, row)
        if first.stage_title != row.stage_title:
            problems.add(
                row.number,
                f"stage {row.stage_code} has a different title from row {first.number}.",
            )
        first = plan.issues.setdefault(row.issue_code, row)
        if first.issue_title != row.issue_title:
            problems.add(
                row.number,
                f"issue {row.issue_code} has a different title from row {first.number}.",
            )
        if first.why_unclear != row.why_unclear:
            problems.add(
                row.number,
                f"issue {row.issue_code} has a different why_unclear from row {first.number}.",
            )
        key = (row.issue_code, row.cause)
        if key in causes_seen:
            what = f"the cause “{row.cause}”" if row.cause else "the row without a cause"
            problems.add(
                row.number,
                f"repeats {what} of issue {row.issue_code} (row {causes_seen[key]}).",
            )
        causes_seen.setdefault(key, row.number)
        plan.issue_rows.setdefault(row.issue_code, []).append(row)
    for code, issue_rows in plan.issue_rows.items():
        plan.retire_issue[code] = all(row.retired for row in issue_rows)
        if not plan.retire_issue[code]:
            for row in issue_rows:
                if row.retired and not row.cause:
                    problems.add(
                        row.number,
                        f"to retire issue {code}, say retired = yes on every one of its rows; "
                        "to retire a cause, say yes on that cause's row.",
                    )
    return plan


def _check_against_database(plan, issues, causes, problems: _Problems) -> None:
    """Retired issues and causes are never brought back by an import."""
    for code, issue_rows in plan.issue_rows.items():
        issue = issues.get(code)
        if issue is None:
            continue
        if issue.is_retired and not plan.retire_issue[code]:
            row = next(row for row in issue_rows if not row.retired)
            problems.add(
                row.number,
                f"issue {code} is retired and an import does not bring it back: "
                "say retired = yes on its rows, or restore it first on the taxonomy pages.",
            )
            continue
        if plan.retire_issue[code]:
            continue
        for row in issue_rows:
            cause = causes.get((issue.pk, row.cause))
            if row.cause and cause is not None and cause.retired_at and not row.retired:
                problems.add(
                    row.number,
                    f"the cause “{row.cause}” of {code} is retired and an import does not "
                    "bring it back: say retired = yes, or restore it first on the taxonomy pages.",
                )


def _next_position(values) -> int:
    return (values.aggregate(last=Max("position"))["last"] or 0) + 1


def _apply(plan: _Plan, stages, issues, causes) -> ImportSummary:
    summary = ImportSummary()
    now = timezone.now()
    for code, row in plan.stages.items():
        stage = stages.get(code)
        if stage is None:
            stage = Stage(code=code, title=row.stage_title, position=_next_position(Stage.objects))
            stage.save()
            stages[code] = stage
            summary.stages.created += 1
        elif stage.title != row.stage_title:
            stage.title = row.stage_title
            stage.save(update_fields=["title"])
            summary.stages.updated += 1
        else:
            summary.stages.unchanged += 1
    for code, row in plan.issues.items():
        stage, retire = stages[row.stage_code], plan.retire_issue[code]
        issue = issues.get(code)
        if issue is None:
            issue = PracticeIssue(
                code=code,
                stage=stage,
                title=row.issue_title,
                why_unclear=row.why_unclear,
                position=_next_position(stage.issues.all()),
                retired_at=now if retire else None,
            )
            issue.save()
            issues[code] = issue
            summary.issues.created += 1
            continue
        changed = []
        if issue.stage_id != stage.pk:
            issue.stage = stage
            changed.append("stage")
        if issue.title != row.issue_title:
            issue.title = row.issue_title
            changed.append("title")
        if issue.why_unclear != row.why_unclear:
            issue.why_unclear = row.why_unclear
            changed.append("why_unclear")
        if retire and not issue.is_retired:
            issue.retired_at = now
            changed.append("retired_at")
        if changed:
            issue.save(update_fields=changed)
            summary.issues.updated += 1
        else:
            summary.issues.unchanged += 1
    for code, issue_rows in plan.issue_rows.items():
        issue, retire_issue = issues[code], plan.retire_issue[code]
        for row in issue_rows:
            if not row.cause:
                continue
            # When the issue is retired, its rows' "yes" speaks for the issue alone.
            retire = row.retired and not retire_issue
            cause = causes.get((issue.pk, row.cause))
            if cause is None:
                cause = Cause(
                    issue=issue,
                    text=row.cause,
                    position=_next_position(issue.causes.all()),
                    retired_at=now if retire else None,
                )
                cause.save()
                causes[(issue.pk, row.cause)] = cause
                summary.causes.created += 1
            elif retire and cause.retired_at is None:
                cause.retired_at = now
                cause.save(update_fields=["retired_at"])
                summary.causes.updated += 1
            else:
                summary.causes.unchanged += 1
    return summary


def codebook_import_csv(*, user: User, stream) -> ImportSummary:
    """Bring the taxonomy in line with a codebook CSV (analysts and administrators).

    Every row is checked first; any problem raises ``ValidationError`` with a
    message per problem naming its row, and nothing changes. Otherwise one
    transaction creates, updates and retires (never deletes), each through
    ``save()`` so the audit log records it.
    """
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts and administrators import the codebook.")
    problems = _Problems()
    rows = _parse(_read_text(stream), problems)
    plan = _plan(rows, problems)
    with transaction.atomic():
        # Lock the stages first, so two imports run one after the other; the
        # issues and causes are read after the wait and are current.
        stages = {stage.code: stage for stage in Stage.objects.select_for_update()}
        issues = {issue.code: issue for issue in PracticeIssue.objects.select_for_update()}
        causes: dict[tuple[int, str], Cause] = {}
        for cause in Cause.objects.select_for_update().order_by("issue_id", "position", "pk"):
            causes.setdefault((cause.issue_id, cause.text.strip()), cause)
        _check_against_database(plan, issues, causes, problems)
        if problems:
            raise problems.error()
        summary = _apply(plan, stages, issues, causes)
        if summary.changed:
            trends_changed()
    return summary
