"""Member organisations, their representatives, and the working groups they form."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from collation.models import PracticeIssue

from ..choices import Sector


class Organisation(models.Model):
    """A member organisation: a national professional or leadership body.

    An organisation that leaves keeps its history (``left_on``): its actions
    still say who took them.
    """

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=30, blank=True, help_text="The name it is known by, e.g. ADCS."
    )
    slug = models.SlugField(max_length=200, unique=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    website = models.URLField(blank=True)
    description = models.TextField(
        blank=True, help_text="What the organisation does, and the levers it has for change."
    )
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="organisation_leaves_after_joining",
                violation_error_message="An organisation cannot leave before it joined.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliance:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_member(self) -> bool:
        return self.left_on is None


class Representative(models.Model):
    """A person who represents a member organisation; one organisation at a time."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="representatives"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="representations"
    )
    job_title = models.CharField(max_length=200, blank=True)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_organisation_per_representative",
                violation_error_message=(
                    "This person already represents an organisation. End that first."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="representative_ends_after_starting",
                violation_error_message="A representative cannot stop before they started.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class WorkingGroup(models.Model):
    """A small group of member organisations developing solutions to some practice issues."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    purpose = models.TextField()
    issues = models.ManyToManyField(
        PracticeIssue, related_name="alliance_working_groups", verbose_name="practice issues"
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="working_groups", verbose_name="member organisations"
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_working_groups",
    )
    formed_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["closed_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliance:working-group-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.closed_on and self.closed_on < self.formed_on:
            raise ValidationError({"closed_on": "A group cannot close before it was formed."})


auditlog.register(Organisation)
auditlog.register(Representative)
auditlog.register(WorkingGroup, m2m_fields={"issues", "organisations"})
