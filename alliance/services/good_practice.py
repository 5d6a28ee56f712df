"""Good practice: what has worked somewhere, recorded for others to learn from."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from collation.models import PracticeIssue
from scr_platform.accounts.models import User

from ..models import GoodPractice, Organisation
from ..rules import can_change_good_practice, can_record_good_practice
from .common import check_issues, require_text

MAX_LINKS = 10
_is_web_address = URLValidator(schemes=["http", "https"])


def _clean_links(errors: dict, links: Iterable[str]) -> list[str]:
    """Each link a full web address, none twice, at most ``MAX_LINKS``."""
    cleaned: list[str] = []
    for number, link in enumerate((link.strip() for link in links if link.strip()), start=1):
        try:
            _is_web_address(link)
        except ValidationError:
            errors["links"] = (
                f"Link {number} is not a web address. Enter each link in full, "
                "like https://www.example.org/report, one a line."
            )
            return cleaned
        if link not in cleaned:
            cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        errors["links"] = f"Enter at most {MAX_LINKS} links."
    return cleaned


@transaction.atomic
def good_practice_save(
    *,
    user: User,
    title: str,
    what_worked: str,
    where: str,
    issues: Iterable[PracticeIssue],
    organisation: Organisation | None = None,
    links: Iterable[str] = (),
    started_on: datetime.date | None = None,
    good_practice: GoodPractice | None = None,
) -> GoodPractice:
    """Record what has worked somewhere, on one or more practice issues, or change it."""
    if good_practice is None and not can_record_good_practice(user):
        raise PermissionDenied("Only Alliance members and analysts record good practice.")
    if good_practice is not None and not can_change_good_practice(user, good_practice):
        raise PermissionDenied("Only the person who recorded it, or an administrator, changes it.")
    issues = list(issues)
    errors: dict = {}
    require_text(errors, title=title, what_worked=what_worked, where=where)
    check_issues(errors, issues, keep=good_practice.issues.all() if good_practice else ())
    links = _clean_links(errors, links)
    if started_on and started_on > timezone.localdate():
        errors["started_on"] = "The date it began cannot be in the future."
    if errors:
        raise ValidationError(errors)
    if good_practice is None:
        good_practice = GoodPractice(recorded_by=user)
    good_practice.title, good_practice.what_worked = title.strip(), what_worked.strip()
    good_practice.where, good_practice.organisation = where.strip(), organisation
    good_practice.links, good_practice.started_on = links, started_on
    good_practice.save()
    good_practice.issues.set(issues)
    return good_practice
