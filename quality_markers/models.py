"""The SCR Quality Markers, as a versioned framework.

A new version copies the markers and is then revised; assessments keep the
version they were made against, so past assessments keep their wording.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from .choices import AssessmentStatus, Audience, Point, Rating, Usefulness


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


class Assessment(models.Model):
    """A self-assessment of one review at one point, by one person, against one version.

    The framework version is fixed when the assessment starts, so a later
    version never changes what an assessment was answered against.
    """

    review = models.ForeignKey(
        "collation.Review", on_delete=models.PROTECT, related_name="quality_assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    point = models.CharField(max_length=20, choices=Point.choices)
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        help_text="The perspective it is made from; that audience's markers come first.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_assessments"
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "point", "author"], name="one_assessment_per_point_and_author"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review.reference}: {self.get_point_display()} ({self.author})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class MarkerRating(models.Model):
    """The answer for one marker in one assessment; saved marker by marker as a draft."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    marker = models.ForeignKey(Marker, on_delete=models.PROTECT, related_name="ratings")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    evidence = models.TextField(blank=True)
    helped = models.TextField(blank=True)
    hindered = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "marker__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "marker"], name="one_rating_per_marker")
        ]

    def __str__(self) -> str:
        return f"{self.marker}: {self.get_rating_display()}"


class BoardSharing(models.Model):
    """A board's choice to count its submitted assessments in the national summary.

    Assessments are a support tool, private to the board unless it shares;
    sharing contributes only to anonymised national figures.
    """

    board = models.OneToOneField(
        "accounts.Board", on_delete=models.CASCADE, related_name="quality_marker_sharing"
    )
    shares_nationally = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.board}: {'shares' if self.shares_nationally else 'does not share'}"


class MarkerFeedback(models.Model):
    """A user's comment on a marker's usefulness, read by administrators when revising."""

    marker = models.ForeignKey(Marker, on_delete=models.PROTECT, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    usefulness = models.CharField(max_length=20, choices=Usefulness.choices)
    comment = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "marker feedback"

    def __str__(self) -> str:
        return f"Feedback on {self.marker} ({self.get_usefulness_display()})"


auditlog.register(Assessment)
auditlog.register(MarkerRating)
auditlog.register(BoardSharing)
auditlog.register(MarkerFeedback)
