"""Reviews, their documents and pages, and what processing found in them."""

import uuid
from pathlib import PurePosixPath

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from scr_platform.accounts.models import Board

from .choices import (
    AbuseCategoryCode,
    ChildAgeBand,
    ChildSex,
    DocumentKind,
    DocumentStatus,
    FlagStatus,
    Incident,
    JobStatus,
    PersonalDataKind,
    RecommendationLayer,
    ReviewModel,
    ReviewStatus,
)


class Agency(models.Model):
    """An agency category (DFE-RR157 Table 1), loaded from data/reference.json."""

    name = models.CharField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class AbuseCategory(models.Model):
    """One of the four categories of abuse; a review may involve several."""

    code = models.CharField(max_length=20, choices=AbuseCategoryCode.choices, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "abuse categories"

    def __str__(self) -> str:
        return self.get_code_display()


class Review(models.Model):
    """A Serious Case Review: the case, commissioned by one board.

    A draft is visible only to its board, its lead reviewer, analysts and
    administrators; publishing makes it and its documents public.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    reference = models.CharField(
        max_length=60, help_text="The board's own reference for the review, e.g. SCR-2014-03."
    )
    title = models.CharField(max_length=300)
    publication_date = models.DateField(null=True, blank=True)
    incident = models.CharField(max_length=20, choices=Incident.choices)
    child_age_band = models.CharField(max_length=10, choices=ChildAgeBand.choices)
    child_sex = models.CharField(max_length=12, choices=ChildSex.choices)
    abuse_categories = models.ManyToManyField(AbuseCategory, blank=True, related_name="reviews")
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="reviews", verbose_name="agencies involved"
    )
    review_model = models.CharField(max_length=30, choices=ReviewModel.choices, blank=True)
    lead_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_reviews",
        help_text="The lead reviewer's account, if they use the platform.",
    )
    lead_reviewer_name = models.CharField(
        max_length=200, blank=True, help_text="The lead reviewer's name as published."
    )
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publication_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "reference"], name="review_reference_per_board"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReviewStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="review_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "publication_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collation:review-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


def document_upload_path(document: "ReviewDocument", filename: str) -> str:
    # Stored under a random name: the uploader's file name is kept in a field,
    # never trusted as a path.
    return str(PurePosixPath("reviews", str(document.review_id), f"{uuid.uuid4().hex}.pdf"))


class ReviewDocument(models.Model):
    """A PDF of a review (overview report, executive summary, …), checked before storing.

    The SHA-256 is unique: the same file is never stored twice. A document
    replaced by a corrected one keeps its history but stops counting.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_upload_path, max_length=300)
    original_filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    size_bytes = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.PROCESSING
    )
    warnings = models.JSONField(
        default=list, blank=True, help_text="Warnings from the checks: [{code, message}]."
    )
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    flesch_reading_ease = models.FloatField(null=True, blank=True)
    words_per_sentence = models.FloatField(null=True, blank=True)
    syllables_per_word = models.FloatField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "kind", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_filename}"

    def get_file_url(self) -> str:
        return reverse(
            "collation:document-file", kwargs={"pk": self.review_id, "document_pk": self.pk}
        )

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None


class DocumentPage(models.Model):
    """The text of one physical page (numbered from 1), with its search vector."""

    document = models.ForeignKey(ReviewDocument, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    # Filled on PostgreSQL (to_tsvector('english', text)); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="page_number_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.document} – page {self.number}"


class ProcessingJob(models.Model):
    """The record of turning a document into checked text, read by pages and the API."""

    document = models.OneToOneField(ReviewDocument, on_delete=models.CASCADE, related_name="job")
    status = models.CharField(
        max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched at every progress step: a job whose heartbeat stops is stuck.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_current__lte=models.F("progress_total")),
                name="job_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"Job {self.pk}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class RecommendationTheme(models.Model):
    """A theme of recommendations (DFE-RR157 Table 2, from data/reference.json); editable."""

    name = models.CharField(max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """A numbered recommendation found in a document's recommendations section.

    An analyst codes it: the agency it addresses, its theme, its layer, which
    SMART criteria it meets, and the practice issues it answers.
    """

    document = models.ForeignKey(
        ReviewDocument, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveIntegerField(help_text="Order within the document, from 1.")
    number = models.PositiveIntegerField()
    text = models.TextField()
    page = models.PositiveIntegerField()
    agency_as_written = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True)
    theme = models.ForeignKey(RecommendationTheme, on_delete=models.PROTECT, null=True, blank=True)
    layer = models.CharField(max_length=20, choices=RecommendationLayer.choices, blank=True)
    is_specific = models.BooleanField(default=False)
    is_measurable = models.BooleanField(default=False)
    is_achievable = models.BooleanField(default=False)
    is_relevant = models.BooleanField(default=False)
    is_timely = models.BooleanField(default=False)
    issues = models.ManyToManyField(
        "PracticeIssue",
        blank=True,
        related_name="recommendations",
        help_text="The practice issues this recommendation answers.",
    )
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    coded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="recommendation_position_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class PersonalDataFlag(models.Model):
    """Text that looks like personal data, to be cleared before publication."""

    document = models.ForeignKey(
        ReviewDocument, on_delete=models.CASCADE, related_name="personal_data_flags"
    )
    page = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=PersonalDataKind.choices)
    text = models.CharField(max_length=500)
    context = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN, db_index=True
    )
    reason = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "page", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on page {self.page}"


auditlog.register(Review, m2m_fields={"abuse_categories", "agencies"})
auditlog.register(ReviewDocument)
auditlog.register(PersonalDataFlag)
auditlog.register(Recommendation, m2m_fields={"issues"})
auditlog.register(RecommendationTheme)


# --- The practice-issue taxonomy (the LiPP A3 grid) and coding ------------------


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


class Coding(models.Model):
    """An analyst's link from a passage on a page of a report to a practice issue."""

    document = models.ForeignKey(ReviewDocument, on_delete=models.CASCADE, related_name="codings")
    page = models.PositiveIntegerField()
    excerpt = models.TextField()
    issue = models.ForeignKey(PracticeIssue, on_delete=models.PROTECT, related_name="codings")
    causes = models.ManyToManyField(Cause, blank=True, related_name="codings")
    note = models.TextField(blank=True)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "page", "pk"]
        indexes = [models.Index(fields=["issue", "document"])]

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
