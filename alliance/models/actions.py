"""Improvement actions on practice issues, their dated progress and the evidence of impact."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from collation.models import PracticeIssue

from ..choices import OPEN_STATUSES, STATUS_TAG_COLOURS, ActionStatus, EvidenceKind
from .meetings import Meeting
from .members import Organisation, WorkingGroup


class Action(models.Model):
    """An improvement action a member organisation takes on one or more practice issues.

    Status changes come with a dated progress update, and only along
    ``choices.STATUS_TRANSITIONS``; ``completed_on`` is set when the action
    is done, ``dropped_reason`` when it is dropped.
    """

    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What will be done, and how it tackles the issues.")
    issues = models.ManyToManyField(
        PracticeIssue, related_name="alliance_actions", verbose_name="practice issues"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="lead organisation",
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_actions",
        verbose_name="partner organisations",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="alliance_actions",
        help_text="The person responsible for the action.",
    )
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        help_text="The meeting that agreed it, if any.",
    )
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED, db_index=True
    )
    dropped_reason = models.TextField(
        blank=True, help_text="Why the action was dropped (required when it is)."
    )
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.DONE)
                | models.Q(completed_on__isnull=False),
                name="done_action_has_completion_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.DROPPED) | ~models.Q(dropped_reason=""),
                name="dropped_action_has_reason",
                violation_error_message="Say why the action was dropped.",
            ),
        ]
        indexes = [models.Index(fields=["published_at", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliance:action-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in OPEN_STATUSES
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    @property
    def status_tag(self) -> str:
        return STATUS_TAG_COLOURS[ActionStatus(self.status)]


class ProgressUpdate(models.Model):
    """A dated note of progress on an action; ``status`` is set when it moved the action on."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    status = models.CharField(
        max_length=12,
        choices=ActionStatus.choices,
        blank=True,
        help_text="The action's new status, if this update changed it.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at"]

    def __str__(self) -> str:
        return f"Update on {self.action} ({self.written_on})"


class ImpactEvidence(models.Model):
    """Evidence that an action made a difference: what changed, and how it is known."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    summary = models.TextField()
    link = models.URLField(blank=True, help_text="Where the evidence can be read, if public.")
    observed_on = models.DateField(default=timezone.localdate)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_on", "-created_at"]
        verbose_name_plural = "impact evidence"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.action}"


auditlog.register(Action, m2m_fields={"issues", "partners"})
auditlog.register(ProgressUpdate)
auditlog.register(ImpactEvidence)
