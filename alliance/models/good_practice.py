"""Good practice: what has worked somewhere, public as soon as it is recorded."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from collation.models import PracticeIssue

from .members import Organisation


class GoodPractice(models.Model):
    """Something that has worked somewhere, recorded so that others can learn from it.

    Public as soon as it is recorded (the form says so): the research asks to
    learn from good practice, not only from failure.
    """

    title = models.CharField(max_length=200)
    what_worked = models.TextField(help_text="What was done, and what difference it made.")
    where = models.CharField(
        max_length=200, help_text="The place, service or organisation where it worked."
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practice",
        verbose_name="member organisation",
        help_text="The member organisation that knows it best, if any.",
    )
    issues = models.ManyToManyField(
        PracticeIssue, related_name="good_practice", verbose_name="practice issues"
    )
    links = models.JSONField(
        default=list, blank=True, help_text="Where to read more: a list of web addresses."
    )
    started_on = models.DateField(
        null=True, blank=True, help_text="When the practice began, if known."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "good practice example"
        verbose_name_plural = "good practice"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliance:good-practice-detail", kwargs={"pk": self.pk})


auditlog.register(GoodPractice, m2m_fields={"issues"})
