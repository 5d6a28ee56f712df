"""Reads for learning material: a briefing's audience versions and training packs.

Who sees what is the briefing's rule: a published briefing's audience versions
and a published training pack are public; drafts are seen by analysts (and
administrators) only. Excerpts are read through ``Coding.objects.public()``
(verified codings on public documents of published reviews), so a pack never
quotes a draft, an unverified coding or a withdrawn review, whatever was chosen.
"""

from dataclasses import dataclass

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import has_role

from ..issue_panels import training_panels
from ..models import Audience, Briefing, BriefingAudience, PracticeIssue, TrainingPack
from .trends import IssueDetail, issue_detail


def sees_learning_drafts(user) -> bool:
    """Analysts (and administrators) write briefings and packs, so see their drafts."""
    return has_role(user, [Role.ANALYST])


def briefing_for(user, slug: str) -> Briefing | None:
    """The briefing if ``user`` may see it (published, or a draft for analysts)."""
    briefing = Briefing.objects.prefetch_related("issues").filter(slug=slug).first()
    if briefing is None:
        return None
    if briefing.status != Briefing.Status.PUBLISHED and not sees_learning_drafts(user):
        return None
    return briefing


def audience_parts(briefing: Briefing) -> list[BriefingAudience]:
    """The briefing's audience versions, in the order of ``Audience``."""
    order = {value: index for index, value in enumerate(Audience.values)}
    return sorted(briefing.audience_parts.all(), key=lambda part: order[part.audience])


def pack_for(user, issue: PracticeIssue) -> TrainingPack | None:
    """The issue's training pack if ``user`` may see it."""
    pack = TrainingPack.objects.filter(issue=issue).first()
    if pack is None:
        return None
    if pack.status != TrainingPack.Status.PUBLISHED and not sees_learning_drafts(user):
        return None
    return pack


def training_packs(user) -> list[TrainingPack]:
    """The packs ``user`` may see (drafts too for analysts), by issue code."""
    packs = TrainingPack.objects.select_related("issue").order_by("issue__code")
    if not sees_learning_drafts(user):
        packs = packs.filter(status=TrainingPack.Status.PUBLISHED)
    return list(packs)


@dataclass(frozen=True)
class TrainingPackContent:
    pack: TrainingPack
    detail: IssueDetail  # causes and figures by year (published reviews only)
    vignette: list  # the chosen excerpts still public, in page order
    latest: tuple | None  # (year, showing, total, share): the latest year with reviews
    panels: list  # [{"panel": IssuePanel, "context": dict}] from other apps


# A pack prints on at most four A4 pages: its figures keep the latest years only.
PACK_YEARS = 6


def training_pack_content(pack: TrainingPack, request) -> TrainingPackContent:
    detail = issue_detail(issue=pack.issue)
    vignette = list(
        pack.excerpts.public()
        .select_related("document__review")
        .order_by("document__review__publication_date", "document", "page")
    )
    years = detail.by_year[-PACK_YEARS:]
    detail = IssueDetail(detail.issue, detail.causes, years, detail.excerpts, detail.reviews)
    panels = [
        {"panel": panel, "context": panel.context(pack.issue, request)}
        for panel in training_panels()
    ]
    return TrainingPackContent(pack, detail, vignette, years[-1] if years else None, panels)
