"""The SCR Quality Markers, as a versioned framework.

A new version copies the markers and is then revised; assessments keep the
version they were made against, so past assessments keep their wording.
"""

from auditlog.registry import auditlog
from django.db import models

from .choices import Audience


class Framework(models.Model):
    """One version of the Quality Markers; the newest published one is current."""

    version = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200, default="SCR Quality Markers")
    source = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"


class Marker(models.Model):
    """One quality marker in one version of the framework."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="markers")
    number = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    statement = models.TextField()
    rationale = models.TextField(blank=True)
    prompts = models.TextField(blank=True, help_text='"How might you know…" prompts, one a line.')
    audiences = models.JSONField(
        default=list, blank=True, help_text=f"Any of: {', '.join(Audience.values)}."
    )

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="marker_number_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def prompt_lines(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def audience_labels(self) -> list[str]:
        return [Audience(value).label for value in self.audiences if value in Audience.values]


auditlog.register(Framework)
auditlog.register(Marker)
