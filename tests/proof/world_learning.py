"""The proof world's learning material: a briefing's audience versions and training packs.

Board members' version of the published briefing (public with it) and managers'
version of the draft briefing (analysts only); a published training pack on the
world's issue and a draft one on the next issue.
"""

from dataclasses import dataclass

from django.utils import timezone

from collation.models import Briefing, BriefingAudience, PracticeIssue, TrainingPack


@dataclass(frozen=True)
class Learning:
    part: BriefingAudience
    draft_part: BriefingAudience
    pack: TrainingPack
    draft_pack: TrainingPack


def learning_build(
    *, issue: PracticeIssue, briefing: Briefing, draft_briefing: Briefing, analyst
) -> Learning:
    part = BriefingAudience.objects.create(
        briefing=briefing, audience="board", what_to_do="Ask.", questions="Does this happen here?"
    )
    draft_part = BriefingAudience.objects.create(
        briefing=draft_briefing, audience="managers", what_to_do="Check.", questions="Do we?"
    )
    pack = TrainingPack.objects.create(
        issue=issue,
        introduction="A referral was made.",
        questions="Does this happen here?",
        trainer_notes="Allow 20 minutes.",
        author=analyst,
        status=TrainingPack.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    draft_pack = TrainingPack.objects.create(
        issue=PracticeIssue.objects.exclude(pk=issue.pk).order_by("code").first(),
        introduction="Not ready.",
        questions="Not ready?",
        trainer_notes="Not ready.",
        author=analyst,
    )
    return Learning(part, draft_part, pack, draft_pack)
