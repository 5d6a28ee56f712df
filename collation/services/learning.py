"""Writes on learning material: a briefing's audience versions and training packs.

Analysts write both (``_check_analyst``, as for briefings). A pack's vignette may
quote only verified codings of the pack's issue on published reports
(``Coding.objects.public()``); at most ``VIGNETTE_MOST`` of them, so the pack
still prints on four A4 pages.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.permissions import has_role

from ..models import Audience, Briefing, BriefingAudience, Coding, PracticeIssue, TrainingPack

VIGNETTE_MOST = 4
QUESTIONS_MOST = 8
TEXT_MOST = 2000  # characters of each written part: the pack must fit four pages


def _check_analyst(user: User) -> None:
    if not has_role(user, [Role.ANALYST]):
        raise PermissionDenied("Only analysts write briefings and training packs.")


def _questions(text: str, errors: dict, *, field: str = "questions") -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        errors[field] = "Enter at least one question, one a line."
    elif len(lines) > QUESTIONS_MOST:
        errors[field] = f"Enter at most {QUESTIONS_MOST} questions, one a line."
    elif any(len(line) > 300 for line in lines):
        errors[field] = "Each question must be 300 characters or fewer."
    return "\n".join(lines)


def _text(text: str, errors: dict, field: str, missing: str, name: str) -> str:
    text = text.strip()
    if not text:
        errors[field] = missing
    elif len(text) > TEXT_MOST:
        errors[field] = f"{name} must be {TEXT_MOST:,} characters or fewer."
    return text


@transaction.atomic
def briefing_audience_save(
    *, user: User, briefing: Briefing, audience: str, what_to_do: str, questions: str
) -> BriefingAudience:
    """Write or change the version of ``briefing`` for ``audience``."""
    _check_analyst(user)
    if audience not in Audience.values:
        raise ValidationError({"audience": "Choose practitioners, managers or board members."})
    errors: dict = {}
    what_to_do = _text(
        what_to_do, errors, "what_to_do", "Enter what this audience should do", "What to do"
    )
    questions = _questions(questions, errors)
    if errors:
        raise ValidationError(errors)
    part, _ = BriefingAudience.objects.select_for_update().get_or_create(
        briefing=briefing,
        audience=audience,
        defaults={"what_to_do": what_to_do, "questions": questions},
    )
    part.what_to_do, part.questions = what_to_do, questions
    part.save()
    return part


@transaction.atomic
def briefing_audience_delete(*, user: User, part: BriefingAudience) -> None:
    _check_analyst(user)
    part.delete()


@transaction.atomic
def training_pack_save(
    *,
    user: User,
    issue: PracticeIssue,
    introduction: str,
    questions: str,
    trainer_notes: str,
    excerpts: Iterable[Coding] = (),
) -> TrainingPack:
    """Write or change the training pack on ``issue`` (there is one per issue)."""
    _check_analyst(user)
    excerpts = list(excerpts)
    errors: dict = {}
    introduction = _text(
        introduction, errors, "introduction", "Enter the scene the vignette sets", "The scene"
    )
    trainer_notes = _text(
        trainer_notes, errors, "trainer_notes", "Enter notes for the trainer", "Trainer notes"
    )
    questions = _questions(questions, errors)
    public = set(
        Coding.objects.public()
        .filter(issue=issue, pk__in=[coding.pk for coding in excerpts])
        .values_list("pk", flat=True)
    )
    if any(coding.pk not in public for coding in excerpts):
        errors["excerpts"] = f"Choose excerpts on {issue.code} from published reports."
    elif len(excerpts) > VIGNETTE_MOST:
        errors["excerpts"] = f"Choose at most {VIGNETTE_MOST} excerpts, so the pack fits 4 pages."
    if errors:
        raise ValidationError(errors)
    pack = TrainingPack.objects.select_for_update().filter(issue=issue).first()
    if pack is None:
        pack = TrainingPack(issue=issue, author=user)
    pack.introduction, pack.questions, pack.trainer_notes = introduction, questions, trainer_notes
    pack.save()
    pack.excerpts.set(excerpts)
    return pack


@transaction.atomic
def training_pack_publish(*, user: User, pack: TrainingPack, publish: bool = True) -> TrainingPack:
    """Publish a training pack (or take it back to a draft)."""
    _check_analyst(user)
    pack.status = TrainingPack.Status.PUBLISHED if publish else TrainingPack.Status.DRAFT
    pack.published_at = timezone.now() if publish else None
    pack.save()
    return pack
