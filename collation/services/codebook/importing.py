"""The codebook in, second step: bring the taxonomy in line with a checked file."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ...models import Cause, PracticeIssue, Stage
from ..trends import trends_changed
from .reading import Plan, Problems, plan_make, read_text, rows_parse


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


def _check_against_database(plan, issues, causes, problems: Problems) -> None:
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


def _apply(plan: Plan, stages, issues, causes) -> ImportSummary:
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
    problems = Problems()
    rows = rows_parse(read_text(stream), problems)
    plan = plan_make(rows, problems)
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
