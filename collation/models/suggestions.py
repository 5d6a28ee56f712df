"""What the worker proposes: codings of passages, and the model it proposes them with."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from ..choices import SuggestionStatus
from .coding import Cause, PracticeIssue
from .documents import ReviewDocument


class SuggestionModel(models.Model):
    """A trained suggestion model (``collation.analysis.suggestions``), rebuilt nightly from
    the taxonomy and analysts' accepts and rejects. The newest one proposes."""

    version = models.CharField(max_length=80, unique=True)
    data = models.BinaryField(help_text="The model, as collation.analysis.suggestions stores it.")
    issues = models.PositiveIntegerField(default=0)
    accepted_examples = models.PositiveIntegerField(default=0)
    rejected_examples = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-built_at", "-pk"]
        get_latest_by = "built_at"

    def __str__(self) -> str:
        return self.version


class Suggestion(models.Model):
    """A passage the worker thinks shows a practice issue, for an analyst to accept
    (which makes a coding in their name), change, or reject with a reason."""

    document = models.ForeignKey(
        ReviewDocument, on_delete=models.CASCADE, related_name="suggestions"
    )
    page = models.PositiveIntegerField()
    excerpt = models.TextField()
    issue = models.ForeignKey(PracticeIssue, on_delete=models.CASCADE, related_name="+")
    causes = models.ManyToManyField(Cause, blank=True, related_name="+")
    score = models.FloatField(help_text="0–1: how likely the passage shows the issue.")
    model_version = models.CharField(max_length=80)
    status = models.CharField(
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(blank=True, help_text="Why it was rejected, if the analyst said.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-score", "page", "pk"]
        indexes = [models.Index(fields=["document", "status", "-score"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="suggestion_score_between_0_and_1",
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue.code} on page {self.page} ({self.score:.2f})"


auditlog.register(Suggestion, m2m_fields={"causes"})
