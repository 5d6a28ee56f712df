"""Writes on the taxonomy: analysts keep stages, practice issues and causes, without code.

Nothing is deleted: codings refer to issues and causes, so an issue or cause
that is no longer wanted is retired, keeping its history. Every change goes
through ``save()`` so the audit log records who made it and when.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..models import Cause, PracticeIssue, Stage

ISSUE_CODE = re.compile(r"^[A-Z]{1,2}\d{1,3}$")


def _check_analyst(user: User) -> None:
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts keep the taxonomy.")


@transaction.atomic
def stage_save(*, user: User, code: str, title: str, stage: Stage | None = None) -> Stage:
    """Add a stage (a new column of the grid) or change one's title."""
    _check_analyst(user)
    code, title = code.strip().upper(), title.strip()
    errors = {}
    if not re.fullmatch(r"[A-Z]{1,2}", code):
        errors["code"] = "Enter a code of one or two capital letters, like H."
    elif Stage.objects.filter(code=code).exclude(pk=getattr(stage, "pk", None)).exists():
        errors["code"] = f"There is already a stage {code}."
    if not title:
        errors["title"] = "Enter the stage's title."
    if errors:
        raise ValidationError(errors)
    if stage is None:
        last = Stage.objects.order_by("-position").values_list("position", flat=True).first()
        stage = Stage(position=(last or 0) + 1)
    stage.code, stage.title = code, title
    stage.save()
    return stage


@transaction.atomic
def issue_save(
    *,
    user: User,
    code: str,
    stage: Stage,
    title: str,
    causes: list[str],
    why_unclear: bool = False,
    issue: PracticeIssue | None = None,
) -> PracticeIssue:
    """Add a practice issue or change one; causes not listed any more are retired."""
    _check_analyst(user)
    code, title = code.strip().upper(), title.strip()
    wanted = [text.strip() for text in causes if text.strip()]
    errors = {}
    if not ISSUE_CODE.match(code):
        errors["code"] = "Enter a code like C9: the stage's letter and a number."
    elif not code.startswith(stage.code) or not code[len(stage.code)].isdigit():
        errors["code"] = f"An issue in stage {stage.code} has a code starting {stage.code}."
    elif PracticeIssue.objects.filter(code=code).exclude(pk=getattr(issue, "pk", None)).exists():
        errors["code"] = f"There is already an issue {code}."
    if not title:
        errors["title"] = "Enter what the practice issue is."
    if len(set(wanted)) != len(wanted):
        errors["causes"] = "Each cause should be listed once."
    if errors:
        raise ValidationError(errors)
    if issue is None:
        last = stage.issues.order_by("-position").values_list("position", flat=True).first()
        issue = PracticeIssue(position=(last or 0) + 1)
    issue.code, issue.stage, issue.title, issue.why_unclear = code, stage, title, why_unclear
    issue.save()
    existing = {cause.text: cause for cause in issue.causes.all()}
    for position, text in enumerate(wanted, start=1):
        cause = existing.pop(text, None) or Cause(issue=issue, text=text)
        if cause.position != position or cause.retired_at is not None or cause.pk is None:
            cause.position, cause.retired_at = position, None
            cause.save()
    for cause in existing.values():
        if cause.retired_at is None:
            cause.retired_at = timezone.now()
            cause.save()
    return issue


@transaction.atomic
def issue_retire(*, user: User, issue: PracticeIssue, retire: bool = True) -> PracticeIssue:
    """Retire an issue (it keeps its codings and history) or bring it back."""
    _check_analyst(user)
    issue.retired_at = timezone.now() if retire else None
    issue.save()
    return issue
