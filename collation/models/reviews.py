"""Reviews and the reference lists that describe them (agencies, abuse categories)."""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from scr_platform.accounts.models import Board

from .. import visibility
from ..choices import AbuseCategoryCode, ChildAgeBand, ChildSex, Incident, ReviewModel, ReviewStatus


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


class ReviewQuerySet(models.QuerySet):
    """Reviews filtered by the rules in ``collation.visibility``."""

    def public(self) -> "ReviewQuerySet":
        return self.filter(visibility.review_public_q())

    def visible_to(self, user) -> "ReviewQuerySet":
        return self.filter(visibility.review_visible_q(user))

    def drafts_visible_to(self, user) -> "ReviewQuerySet":
        return self.filter(visibility.review_drafts_q(user))


class Review(models.Model):
    """A Serious Case Review: the case, commissioned by one board.

    A draft is visible only to its board, its lead reviewer, analysts and
    administrators; publishing makes it and its current documents public, and
    withdrawing takes it back from the public (with a reason) at once.
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
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Invented for the demo's national picture (seed_demo): no report, no person.",
    )
    summary = models.TextField(
        blank=True,
        help_text='"Learning themes include… Recommendations include…": drafted from the '
        "verified codings and the recommendations, then checked and edited by an analyst.",
    )
    summary_drafted_at = models.DateTimeField(null=True, blank=True)
    summary_edited_at = models.DateTimeField(null=True, blank=True)
    summary_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=~models.Q(status=ReviewStatus.WITHDRAWN)
                | (models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawal_reason="")),
                name="review_withdrawn_has_date_and_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "publication_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collation:review-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        # A report is dated when its board published it; that day cannot be still to come.
        if self.publication_date and self.publication_date > timezone.localdate():
            raise ValidationError(
                {"publication_date": "Publication date must be today or in the past"}
            )

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ReviewStatus.WITHDRAWN

    @property
    def summary_paragraphs(self) -> list[str]:
        """The summary's paragraphs ("Learning themes include…", "Recommendations include…")."""
        return [p.strip() for p in self.summary.split("\n\n") if p.strip()]


auditlog.register(Review, m2m_fields={"abuse_categories", "agencies"})
