"""Writes on briefings: analysts write themed fact sheets and publish them."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..models import Briefing, Coding, PracticeIssue
from ..selectors.trends import period_parse


def _check_analyst(user: User) -> None:
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts write briefings.")


def _unique_slug(title: str, exclude_pk: int | None) -> str:
    base = slugify(title)[:180] or "briefing"
    slug, number = base, 2
    while Briefing.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def briefing_save(
    *,
    user: User,
    title: str,
    period: str,
    summary: str,
    issues: Iterable[PracticeIssue],
    excerpts: Iterable[Coding] = (),
    briefing: Briefing | None = None,
) -> Briefing:
    """Write or change a briefing; excerpts must come from published reports on its issues."""
    _check_analyst(user)
    issues, excerpts = list(issues), list(excerpts)
    errors = {}
    try:
        period_key = period_parse(period).key
    except ValueError as error:
        errors["period"] = str(error)
    if not title.strip():
        errors["title"] = "Enter a title."
    if not summary.strip():
        errors["summary"] = "Enter what the briefing says."
    public = set(
        Coding.objects.public().filter(pk__in=[c.pk for c in excerpts]).values_list("pk", flat=True)
    )
    stray = [
        coding
        for coding in excerpts
        if coding.issue_id not in {issue.pk for issue in issues} or coding.pk not in public
    ]
    if stray:
        errors["excerpts"] = "Choose excerpts from published reports on the briefing's issues."
    if errors:
        raise ValidationError(errors)
    if briefing is None:
        briefing = Briefing(author=user)
    briefing.title, briefing.period, briefing.summary = title.strip(), period_key, summary.strip()
    briefing.slug = _unique_slug(briefing.title, briefing.pk)
    briefing.save()
    briefing.issues.set(issues)
    briefing.excerpts.set(excerpts)
    return briefing


@transaction.atomic
def briefing_publish(*, user: User, briefing: Briefing, publish: bool = True) -> Briefing:
    """Publish a briefing (or withdraw it)."""
    _check_analyst(user)
    briefing.status = Briefing.Status.PUBLISHED if publish else Briefing.Status.DRAFT
    briefing.published_at = timezone.now() if publish else None
    briefing.save()
    return briefing
