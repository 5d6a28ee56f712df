"""Meetings of the Alliance and its working groups, and what they decided: never public."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from collation.models import PracticeIssue

from .members import Organisation, WorkingGroup


class Meeting(models.Model):
    """A meeting of the Alliance, or of one of its working groups, and what it discussed.

    The members' own record: never shown to the public.
    """

    title = models.CharField(max_length=200)
    held_on = models.DateField()
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="Leave empty for a meeting of the whole Alliance.",
    )
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True, help_text="What was discussed.")
    issues = models.ManyToManyField(
        PracticeIssue,
        blank=True,
        related_name="alliance_meetings",
        verbose_name="practice issues discussed",
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="meetings",
        verbose_name="organisations represented",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("alliance:meeting-detail", kwargs={"pk": self.pk})


class Decision(models.Model):
    """Something a meeting decided; it may become an action (``action``), which links back."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    action = models.OneToOneField(
        "Action",  # in actions.py, which needs Meeting from here
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decision",
        help_text="The action this decision became, if any.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"


auditlog.register(Meeting, m2m_fields={"issues", "organisations"})
auditlog.register(Decision)
