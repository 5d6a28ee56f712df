"""Checks shared by the Alliance's services."""

from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify

from collation.models import PracticeIssue

_MISSING = {
    "title": "Enter a title.",
    "description": "Enter what will be done.",
    "text": "Enter what has happened.",
    "summary": "Enter a summary.",
    "name": "Enter a name.",
    "purpose": "Enter what the group is for.",
    "decision": "Enter what was decided.",
    "what_worked": "Enter what worked.",
    "where": "Enter where it worked.",
}


def require_text(errors: dict, **fields: str) -> None:
    """A specific message for each answer left empty (or only spaces)."""
    for name, value in fields.items():
        if not (value or "").strip():
            errors[name] = _MISSING[name]


def check_issues(errors: dict, issues: list[PracticeIssue], keep: Iterable = ()) -> None:
    """At least one issue; retired issues take no new work (those already linked may stay)."""
    if not issues:
        errors["issues"] = "Choose at least one practice issue."
        return
    kept = {issue.pk for issue in keep}
    retired = [issue.code for issue in issues if issue.is_retired and issue.pk not in kept]
    if retired:
        errors["issues"] = f"Retired issues take no new work: {', '.join(retired)}."


def unique_slug(model: type[models.Model], text: str, exclude_pk: int | None) -> str:
    base = slugify(text)[:180] or model._meta.model_name
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
