"""Reviewer development: the directory, masterclasses, their allocation, and CPD.

Data and single-row invariants only; the rules live in ``rules.py`` and the
writes in ``services/``.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region

from .choices import (
    ActivityKind,
    Agreement,
    Availability,
    Background,
    Choice,
    PlaceStatus,
    ReadingKind,
    RoundStatus,
    RunStatus,
    Visibility,
)

# --- The directory ------------------------------------------------------------


class ReviewerProfile(models.Model):
    """A lead reviewer's directory entry; the reviewer chooses who sees it and which parts.

    ``visibility`` says who may find it; the ``show_*`` fields say which parts
    the public (and other roles) see when it is public. Board managers and
    administrators see the whole of any profile listed for boards.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    background = models.CharField(max_length=20, choices=Background.choices)
    background_detail = models.CharField(max_length=200, blank=True)
    biography = models.TextField(blank=True)
    years_reviewing = models.PositiveSmallIntegerField(default=0)
    # Reviews on the platform are linked by Review.lead_reviewer and counted
    # from there; this is the rest, so nothing is counted twice.
    other_reviews_led = models.PositiveSmallIntegerField(default=0)
    availability = models.CharField(max_length=20, choices=Availability.choices)
    availability_note = models.CharField(max_length=200, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.BOARDS
    )
    show_background = models.BooleanField(default=True)
    show_experience = models.BooleanField(default=True)
    show_methods = models.BooleanField(default=True)
    show_regions = models.BooleanField(default=True)
    show_availability = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__username"]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("masterclasses:reviewer-detail", kwargs={"pk": self.pk})


class ProfileRegion(models.Model):
    """A region a reviewer works in (a row each, so the directory can filter on it)."""

    profile = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(max_length=40, choices=Region.choices)

    class Meta:
        ordering = ["region"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "region"], name="profile_region_once")
        ]

    def __str__(self) -> str:
        return self.get_region_display()


class ProfileMethod(models.Model):
    """A review method a reviewer uses (collation's review models)."""

    profile = models.ForeignKey(ReviewerProfile, on_delete=models.CASCADE, related_name="methods")
    method = models.CharField(max_length=30, choices=ReviewModel.choices)

    class Meta:
        ordering = ["method"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "method"], name="profile_method_once")
        ]

    def __str__(self) -> str:
        return self.get_method_display()


# --- Masterclasses ------------------------------------------------------------


class Topic(models.Model):
    """A masterclass topic, with what it covers and its reading lists."""

    title = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("masterclasses:topic-detail", kwargs={"slug": self.slug})


class ReadingItem(models.Model):
    """An item on a topic's pre-reading or further reading list."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reading")
    kind = models.CharField(max_length=10, choices=ReadingKind.choices)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True, help_text="Author, publisher, year.")
    url = models.URLField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["topic", "kind", "position", "title"]

    def __str__(self) -> str:
        return self.title


class ApplicationRound(models.Model):
    """A round of masterclass sessions reviewers apply for by a closing date."""

    title = models.CharField(max_length=200)
    closing_date = models.DateField(help_text="Applications are taken until the end of this day.")
    closed_early_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closing_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("masterclasses:round-detail", kwargs={"pk": self.pk})


class Session(models.Model):
    """One day of a topic: when, where (or online), and how many places."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="sessions")
    round = models.ForeignKey(ApplicationRound, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    online = models.BooleanField(default=False)
    venue = models.CharField(max_length=200, blank=True, help_text="The place, if not online.")
    capacity = models.PositiveSmallIntegerField(default=20)
    cpd_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=6,
        help_text="Hours added to an attendee's CPD log (a one-day masterclass: 6).",
    )

    class Meta:
        ordering = ["date", "topic__position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_places"),
            models.CheckConstraint(
                condition=models.Q(online=True) | ~models.Q(venue=""), name="session_has_a_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} – {self.date:%-d %B %Y}, {self.where}"

    @property
    def where(self) -> str:
        return "online" if self.online else self.venue


class Application(models.Model):
    """A reviewer's application in a round: a first and an optional second choice."""

    round = models.ForeignKey(
        ApplicationRound, on_delete=models.CASCADE, related_name="applications"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="masterclass_applications"
    )
    first_choice = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="first_choice_of"
    )
    second_choice = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="second_choice_of", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="one_application_per_round"),
            models.CheckConstraint(
                condition=~models.Q(first_choice=models.F("second_choice")),
                name="second_choice_differs",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.round}"


class AllocationRun(models.Model):
    """One run of the allocation with its seed: a preview until an administrator confirms it."""

    round = models.ForeignKey(ApplicationRound, on_delete=models.CASCADE, related_name="runs")
    seed = models.BigIntegerField(help_text="The draw's seed: the same seed gives the same result.")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(status=RunStatus.CONFIRMED),
                name="one_confirmed_run_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: run {self.pk} (seed {self.seed})"

    def get_absolute_url(self) -> str:
        return reverse("masterclasses:run-detail", kwargs={"pk": self.pk})


class Place(models.Model):
    """An applicant's outcome on one session in a run: placed, waiting (in order), or withdrawn."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="places")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="places")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="places")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    status = models.CharField(max_length=10, choices=PlaceStatus.choices)
    position = models.PositiveIntegerField(help_text="Order on the session's list.")
    from_waiting_list = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "application", "session"], name="one_place_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.reviewer} – {self.session}: {self.get_status_display()}"


class Attendance(models.Model):
    """Whether a placed reviewer attended a session, as an administrator recorded it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="masterclass_attendances"
    )
    attended = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "reviewer"]
        constraints = [
            models.UniqueConstraint(fields=["session", "reviewer"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.session}: {'attended' if self.attended else 'absent'}"


# The LiPP follow-up's questions, asked on its agreement scale.
FEEDBACK_QUESTIONS = {
    "skills": "The masterclass was a good way to develop my skills as a lead reviewer",
    "ideas": "The key ideas from the field were successfully introduced",
    "ongoing": "Masterclasses should be available on an ongoing basis to support reviewers",
}


class Feedback(models.Model):
    """An attendee's feedback on a session: the agreement scale, and what they would say."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="masterclass_feedback"
    )
    skills = models.CharField(max_length=30, choices=Agreement.choices)
    ideas = models.CharField(max_length=30, choices=Agreement.choices)
    ongoing = models.CharField(max_length=30, choices=Agreement.choices)
    most_helpful = models.TextField(blank=True)
    improve = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "reviewer"], name="feedback_once")
        ]

    def __str__(self) -> str:
        return f"Feedback from {self.reviewer} on {self.session}"


# --- CPD ----------------------------------------------------------------------


class CpdActivity(models.Model):
    """An entry in a reviewer's CPD log; attending a masterclass adds one (``session`` set)."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_activities"
    )
    date = models.DateField()
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    reflection = models.TextField(blank=True)
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="cpd_activities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "CPD activity"
        verbose_name_plural = "CPD activities"
        constraints = [
            # A masterclass is added to the log once, however often attendance is saved.
            models.UniqueConstraint(
                fields=["reviewer", "session"],
                condition=models.Q(session__isnull=False),
                name="cpd_masterclass_once",
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="cpd_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"


for model in (
    ReviewerProfile,
    ProfileRegion,
    ProfileMethod,
    Topic,
    ReadingItem,
    ApplicationRound,
    Session,
    Application,
    AllocationRun,
    Place,
    Attendance,
    Feedback,
    CpdActivity,
):
    auditlog.register(model)
