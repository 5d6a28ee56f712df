"""Recommendations found in reports, and the themes analysts code them to."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from .. import visibility
from ..choices import RecommendationLayer
from .documents import ReviewDocument
from .reviews import Agency


class RecommendationTheme(models.Model):
    """A theme of recommendations (DFE-RR157 Table 2, from data/reference.json); editable."""

    name = models.CharField(max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RecommendationQuerySet(models.QuerySet):
    """Recommendations are public while the document they were found in is."""

    def public(self) -> "RecommendationQuerySet":
        return self.filter(visibility.document_public_q(via="document__"))


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

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="recommendation_position_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


auditlog.register(Recommendation, m2m_fields={"issues"})
auditlog.register(RecommendationTheme)
