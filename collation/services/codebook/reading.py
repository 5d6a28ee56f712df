"""The codebook in, first step: read a CSV file and check it, row by row and as a whole.

Nothing here writes: every problem is collected (``Problems``), naming its
row, and what the file asks for comes out as a ``Plan``.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from scr_platform.spreadsheet import csv_cell_read

from ...models import PracticeIssue, Stage
from . import COLUMNS, NOT_XML

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


@dataclass
class Row:
    number: int
    stage_code: str
    stage_title: str
    issue_code: str
    issue_title: str
    why_unclear: bool
    cause: str
    retired: bool


class Problems:
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


def read_text(stream) -> str:
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
    elif NOT_XML.search(value):
        problems.add(number, f"the {what} contains a control character; remove it.")


def _parse_row(problems: Problems, number: int, cells: dict[str, str]) -> Row | None:
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
    return Row(
        number=number,
        stage_code=stage_code,
        stage_title=cells["stage_title"],
        issue_code=issue_code,
        issue_title=cells["issue_title"],
        why_unclear=flags["why_unclear"],
        cause=cells["cause"],
        retired=flags["retired"],
    )


def rows_parse(text: str, problems: Problems) -> list[Row]:
    """Read and check every row on its own; rows with problems are left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
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
class Plan:
    """What the file asks for, per stage and issue (first row that names each)."""

    stages: dict[str, Row] = field(default_factory=dict)
    issues: dict[str, Row] = field(default_factory=dict)
    issue_rows: dict[str, list[Row]] = field(default_factory=dict)
    retire_issue: dict[str, bool] = field(default_factory=dict)


def plan_make(rows: list[Row], problems: Problems) -> Plan:
    """Check that rows agree with each other about each stage, issue and cause."""
    plan = Plan()
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
