"""The local learning loop: a board's own grid, its local actions, and the outcomes of
its published reviews' recommendations.

All of it is private to the board (its managers, and administrators) until the board
shares it (``LocalSharing``); who sees what is written once, in
``collation.visibility.local_learning_q``. Nothing here is overwritten: an action's
status moves only with a dated update, and an outcome is a new dated entry each time.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from scr_platform.accounts.models import Board

from ..choices import LocalActionStatus, LocalIssueStatus, OutcomeStatus
from .coding import PracticeIssue
from .recommendations import Recommendation


class LocalSharing(models.Model):
    """A board's choice to let other professionals see its grid and outcomes."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="local_sharing")
    shared = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.board}: {'shared' if self.shared else 'private'}"


class LocalIssue(models.Model):
    """A board's answer for one practice issue: seen here, not seen, or don't know."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="local_issues")
    issue = models.ForeignKey(PracticeIssue, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=LocalIssueStatus.choices)
    evidence = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["board", "issue__stage__position", "issue__position", "issue__code"]
        constraints = [
            models.UniqueConstraint(fields=["board", "issue"], name="one_local_answer_per_issue")
        ]

    def __str__(self) -> str:
        return f"{self.board}: {self.issue.code} {self.get_status_display().lower()}"


class LocalAction(models.Model):
    """What a board does about a practice issue; its status moves only with an update."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="local_actions")
    issue = models.ForeignKey(PracticeIssue, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=200, help_text="The person or team responsible.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=LocalActionStatus.choices, default=LocalActionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "collation:local-action", kwargs={"slug": self.board.slug, "action_pk": self.pk}
        )

    @property
    def is_overdue(self) -> bool:
        open_ = self.status in (LocalActionStatus.PLANNED, LocalActionStatus.IN_PROGRESS)
        return open_ and self.due_on < timezone.localdate()


class LocalActionUpdate(models.Model):
    """A dated note on an action's progress, with the status it left the action in."""

    action = models.ForeignKey(LocalAction, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status = models.CharField(max_length=12, choices=LocalActionStatus.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()} on {self.created_at:%d %B %Y}"


class RecommendationOutcome(models.Model):
    """One dated entry in a recommendation's history: the agency's response and where its
    implementation stands. The newest entry is the recommendation's current outcome."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="outcomes"
    )
    status = models.CharField(max_length=16, choices=OutcomeStatus.choices)
    response = models.TextField(help_text="The addressed agency's response.")
    evidence = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was not implemented.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recommendation", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=OutcomeStatus.NOT_IMPLEMENTED) | ~models.Q(reason=""),
                name="outcome_not_implemented_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status=OutcomeStatus.NOT_IMPLEMENTED)
                | models.Q(due_on__isnull=False),
                name="outcome_has_due_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_status_display()}"


auditlog.register(LocalSharing)
auditlog.register(LocalIssue)
auditlog.register(LocalAction)
auditlog.register(LocalActionUpdate)
auditlog.register(RecommendationOutcome)
