"""The Alliance of national professional and leadership bodies, and what it does.

Member organisations send representatives (users with the Alliance member
role); the Alliance meets to discuss practice issues from the trend grid;
organisations take improvement actions on those issues, alone, with partners
or in working groups, and record dated progress and evidence of impact.

An action is seen only by the organisations taking it until one of them
publishes it; from then on the public sees it, its updates and its evidence.
Meetings, and the decisions taken at them, are the members' own record and
are never public. Good practice (what has worked somewhere) is recorded by
members and analysts for everyone to learn from.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from collation.models import PracticeIssue

from .choices import OPEN_STATUSES, STATUS_TAG_COLOURS, ActionStatus, EvidenceKind, Sector


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


class Decision(models.Model):
    """Something a meeting decided; it may become an action (``action``), which links back."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    action = models.OneToOneField(
        Action,
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


auditlog.register(Organisation)
auditlog.register(Representative)
auditlog.register(WorkingGroup, m2m_fields={"issues", "organisations"})
auditlog.register(Meeting, m2m_fields={"issues", "organisations"})
auditlog.register(Action, m2m_fields={"issues", "partners"})
auditlog.register(ProgressUpdate)
auditlog.register(ImpactEvidence)
auditlog.register(Decision)
auditlog.register(GoodPractice, m2m_fields={"issues"})
