"""Practitioners' voice: digital summits on practice issues, and who may contribute.

An analyst opens a round on a practice issue; it asks for causes first, then
solutions, then closes. Practitioners (self-registered, e-mail verified)
contribute text in the open phase. Nothing shows until an analyst approves it;
the public sees approved contributions with the practitioner's sector only (and
not even that where the sector is too small to hide in). A report sends an
approved contribution back to be checked; its author may withdraw it at any time.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from collation.models import PracticeIssue

from ..choices import ContributionStatus, PractitionerSector, ReportReason, SummitPhase


class Practitioner(models.Model):
    """What a self-registered practitioner told us about themselves. Never public."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    organisation = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=PractitionerSector.choices)
    # Set by the link in the e-mail; only then does the user hold the practitioner role.
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class SummitRound(models.Model):
    """A call for practitioners' causes and then solutions on one practice issue."""

    issue = models.ForeignKey(PracticeIssue, on_delete=models.PROTECT, related_name="summits")
    title = models.CharField(max_length=200)
    question = models.TextField(help_text="What the round asks practitioners, in plain words.")
    phase = models.CharField(max_length=20, choices=SummitPhase.choices, default=SummitPhase.CAUSES)
    summary = models.TextField(
        blank=True, help_text="The analyst's summary of what practitioners said."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    phase_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = "summit round"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliance:summit-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.phase != SummitPhase.CLOSED


class Contribution(models.Model):
    """A practitioner's cause or solution, shown only once approved."""

    round = models.ForeignKey(SummitRound, on_delete=models.CASCADE, related_name="contributions")
    phase = models.CharField(
        max_length=20,
        choices=[(SummitPhase.CAUSES, "Cause"), (SummitPhase.SOLUTIONS, "Solution")],
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="summit_contributions"
    )
    # The author's sector when they wrote it: the one thing the public may see of them.
    sector = models.CharField(max_length=30, choices=PractitionerSector.choices)
    status = models.CharField(
        max_length=20, choices=ContributionStatus.choices, default=ContributionStatus.WAITING
    )
    rejection_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    # The latest report's reason, for the analyst who checks it again.
    report_reason = models.CharField(max_length=20, choices=ReportReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "round"])]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} on {self.round}"

    @property
    def is_public(self) -> bool:
        return self.status == ContributionStatus.APPROVED


auditlog.register(Practitioner)
auditlog.register(SummitRound)
auditlog.register(Contribution)
