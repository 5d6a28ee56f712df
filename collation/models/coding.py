"""The practice-issue taxonomy (the LiPP A3 grid), codings of passages, and briefings."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.urls import reverse

from .. import visibility
from ..choices import CodingVerification
from .documents import ReviewDocument
from .reviews import Review


class Stage(models.Model):
    """A column of the A3 grid: a stage of inter-professional work (A–G)."""

    code = models.CharField(max_length=4, unique=True)
    title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class PracticeIssue(models.Model):
    """A recurring practice issue (A1…G8), with the causes ("why") reviews give for it.

    Retired issues keep their codings and history but take no new ones.
    """

    code = models.CharField(max_length=8, unique=True)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="issues")
    title = models.TextField()
    why_unclear = models.BooleanField(
        default=False, help_text="The source gives no cause for this issue."
    )
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["stage__position", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Cause(models.Model):
    """One "why" given for a practice issue."""

    issue = models.ForeignKey(PracticeIssue, on_delete=models.CASCADE, related_name="causes")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issue", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class CodingQuerySet(models.QuerySet):
    """Codings filtered by the rules in ``collation.visibility``: a coding is public once
    a second analyst has verified it, while the document it quotes is public."""

    def public(self) -> "CodingQuerySet":
        return self.filter(visibility.coding_public_q())

    def counted(self) -> "CodingQuerySet":
        return self.filter(visibility.coding_counted_q())


class Coding(models.Model):
    """An analyst's link from a passage on a page of a report to a practice issue.

    It counts in public figures, excerpts and exports only once another analyst
    has verified it: agreed, or disagreed and the disagreement resolved (kept
    with a reason, or changed as the verifier proposed). Changing a coding
    sends it back to be verified.
    """

    document = models.ForeignKey(ReviewDocument, on_delete=models.CASCADE, related_name="codings")
    page = models.PositiveIntegerField()
    excerpt = models.TextField()
    issue = models.ForeignKey(PracticeIssue, on_delete=models.PROTECT, related_name="codings")
    causes = models.ManyToManyField(Cause, blank=True, related_name="codings")
    note = models.TextField(blank=True)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    suggestion = models.OneToOneField(
        "Suggestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coding",
        help_text="The suggestion this coding was accepted from, if any.",
    )
    verification = models.CharField(
        max_length=12,
        choices=CodingVerification.choices,
        default=CodingVerification.UNVERIFIED,
        db_index=True,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    disagreement = models.TextField(blank=True, help_text="Why the verifier disagreed.")
    proposed_issue = models.ForeignKey(
        PracticeIssue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The issue the verifier would code instead (none: no issue shown here).",
    )
    original_issue = models.ForeignKey(
        PracticeIssue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The issue first coded, when a resolution changed it.",
    )
    resolution = models.TextField(blank=True, help_text="How the disagreement was resolved.")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CodingQuerySet.as_manager()

    class Meta:
        ordering = ["document", "page", "pk"]
        indexes = [models.Index(fields=["issue", "document"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verification=CodingVerification.UNVERIFIED)
                | (models.Q(verified_at__isnull=False) & ~models.Q(verified_by=models.F("coder"))),
                name="coding_verified_by_another_analyst",
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue.code} on page {self.page}"


class ReviewIssue(models.Model):
    """That a review shows a practice issue: derived from codings, for fast trends.

    One row per (review, issue) with at least one coding on the review's
    current documents; rebuilt in full nightly and per review when codings
    change (``services.trends``). Never edited by hand.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="issue_presence")
    issue = models.ForeignKey(PracticeIssue, on_delete=models.CASCADE, related_name="+")
    codings = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "issue"], name="one_presence_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "review"])]

    def __str__(self) -> str:
        return f"{self.review_id} shows {self.issue_id}"


auditlog.register(Stage)
auditlog.register(PracticeIssue)
auditlog.register(Cause)
auditlog.register(Coding, m2m_fields={"causes"})


class Briefing(models.Model):
    """A short themed fact sheet for a period: trend figures plus chosen excerpts."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    period = models.CharField(
        max_length=10, default="all", help_text="all, 2015, 2015-H1 or 2015-Q2"
    )
    summary = models.TextField(help_text="The briefing's message, in plain English.")
    issues = models.ManyToManyField(PracticeIssue, blank=True, related_name="briefings")
    excerpts = models.ManyToManyField(Coding, blank=True, related_name="briefings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefings"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collation:briefing-detail", kwargs={"slug": self.slug})


auditlog.register(Briefing, m2m_fields={"issues", "excerpts"})
