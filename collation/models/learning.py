"""Learning material made from the figures: a briefing's audience versions, training packs.

A briefing (``coding.Briefing``) has at most one part per audience (practitioners,
managers, board members): what to do, and questions to ask oneself ("Does this
happen here?"). Each part is public exactly when its briefing is.

A training pack belongs to one practice issue: an anonymised case vignette put
together from excerpts the analyst chose (verified codings on published reports
only, read through ``Coding.objects.public()``), reflective questions and notes
for the trainer. The figures, causes and the Alliance's work are read live.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from .coding import Briefing, Coding, PracticeIssue


class Audience(models.TextChoices):
    PRACTITIONERS = "practitioners", "Practitioners"
    MANAGERS = "managers", "Managers"
    BOARD = "board", "Board members"


class BriefingAudience(models.Model):
    """What one audience should take from a briefing, and the questions it should ask."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="audience_parts")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    what_to_do = models.TextField(help_text="What this audience should do, in plain English.")
    questions = models.TextField(help_text="Reflective questions, one a line.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["briefing", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "audience"], name="briefing_audience_once")
        ]

    def __str__(self) -> str:
        return f"{self.briefing} – {self.get_audience_display()}"

    def get_absolute_url(self) -> str:
        return reverse(
            "collation:briefing-audience",
            kwargs={"slug": self.briefing.slug, "audience": self.audience},
        )

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class TrainingPack(models.Model):
    """Material for trainers on one practice issue, curated by analysts."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    issue = models.OneToOneField(
        PracticeIssue, on_delete=models.PROTECT, related_name="training_pack"
    )
    introduction = models.TextField(
        help_text="Sets the scene for the vignette, naming no child, family, place or agency."
    )
    excerpts = models.ManyToManyField(Coding, blank=True, related_name="training_packs")
    questions = models.TextField(help_text="Reflective questions, one a line.")
    trainer_notes = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_packs"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["issue__code"]

    def __str__(self) -> str:
        return f"Training pack: {self.issue.code}"

    def get_absolute_url(self) -> str:
        return reverse("collation:training-pack", kwargs={"code": self.issue.code})

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


auditlog.register(BriefingAudience)
auditlog.register(TrainingPack, m2m_fields={"excerpts"})
