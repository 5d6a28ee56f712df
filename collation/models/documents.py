"""A review's documents: the stored PDFs, their pages, processing, personal data and
public copies."""

import hashlib
import uuid
from pathlib import PurePosixPath

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from .. import visibility
from ..choices import (
    DocumentKind,
    DocumentStatus,
    FlagSource,
    FlagStatus,
    JobStatus,
    PersonalDataKind,
    RedactionStatus,
)
from .reviews import Review

# The fingerprint of "nothing to redact" (see services.personal_data.redaction_digest).
NO_REDACTIONS = hashlib.sha256(b"").hexdigest()


def document_upload_path(document: "ReviewDocument", filename: str) -> str:
    # Stored under a random name: the uploader's file name is kept in a field,
    # never trusted as a path.
    return str(PurePosixPath("reviews", str(document.review_id), f"{uuid.uuid4().hex}.pdf"))


def public_copy_path(document: "ReviewDocument", filename: str) -> str:
    # Apart from the originals, so a storage listing never mixes the two.
    return str(
        PurePosixPath("public", "reviews", str(document.review_id), f"{uuid.uuid4().hex}.pdf")
    )


def ocr_copy_path(document: "ReviewDocument", filename: str) -> str:
    # Private like the original (it holds the original's unredacted text).
    return str(PurePosixPath("ocr", "reviews", str(document.review_id), f"{uuid.uuid4().hex}.pdf"))


class ReviewDocumentQuerySet(models.QuerySet):
    """Documents filtered by the rules in ``collation.visibility``."""

    def public(self) -> "ReviewDocumentQuerySet":
        return self.filter(visibility.document_public_q())

    def visible_to(self, user) -> "ReviewDocumentQuerySet":
        return self.filter(visibility.document_visible_q(user))


class ReviewDocument(models.Model):
    """A PDF of a review (overview report, executive summary, …), checked before storing.

    ``file`` is the original as uploaded: it stays private to the board's
    managers and administrators. ``public_copy`` is what everyone else gets: the
    original with every passage the manager chose to redact removed from the
    page content, and its metadata, annotations, attachments and scripts
    stripped. The pages' text and the search index come from the public copy
    once it exists.

    The SHA-256 is unique: the same file is never stored twice. A document
    replaced by a corrected one keeps its history but stops counting, and is
    seen only by those who may see the review's drafts. A published document
    in which a newer detector finds personal data is held back
    (``withheld_at``) until the manager has dealt with the findings.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_upload_path, max_length=300, blank=True)
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
    detector_version = models.CharField(
        max_length=40, blank=True, help_text="The personal data detector that last checked it."
    )
    redaction_digest = models.CharField(
        max_length=64, default=NO_REDACTIONS, help_text="The redactions decided so far."
    )
    public_copy = models.FileField(upload_to=public_copy_path, max_length=300, blank=True)
    public_copy_digest = models.CharField(
        max_length=64, blank=True, help_text="The redactions the public copy was made with."
    )
    public_copy_made_at = models.DateTimeField(null=True, blank=True)
    rasterised_pages = models.JSONField(
        default=dict,
        blank=True,
        help_text="Pages of the public copy redacted as images: {page: reason}.",
    )
    ocr_copy = models.FileField(
        upload_to=ocr_copy_path,
        max_length=300,
        blank=True,
        help_text="The original with the text OCR read laid invisibly over its scanned pages.",
    )
    ocr_pages = models.JSONField(
        default=dict,
        blank=True,
        help_text="Pages read by OCR: {page: mean word confidence, 0-100}.",
    )
    withheld_at = models.DateTimeField(
        null=True, blank=True, help_text="Held back from the public while new findings are checked."
    )
    original_deleted_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewDocumentQuerySet.as_manager()

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

    @property
    def is_withheld(self) -> bool:
        return self.withheld_at is not None

    @property
    def has_original(self) -> bool:
        return self.original_deleted_at is None and bool(self.file)

    @property
    def ocr_page_list(self) -> list[tuple[int, float]]:
        """(page, confidence) of the pages read by OCR, in page order."""
        return sorted((int(page), confidence) for page, confidence in self.ocr_pages.items())

    @property
    def text_file(self):
        """The file whose text is read and redacted: the OCR'd copy of a scan, else the
        original."""
        return self.ocr_copy or self.file


class DocumentPage(models.Model):
    """The text of one physical page (numbered from 1), with its search vector.

    Running headers and footers are left out; once the public copy exists, the
    text is read from it, so redacted passages are gone from the text too.
    """

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
        max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
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


class RedactionJob(models.Model):
    """The record of making a document's public copy, read by pages and the API.

    ``digest`` names the redactions the run was asked for; the run makes the
    copy from whatever the decisions are when it starts, and the document's
    ``public_copy_digest`` says which it was made with.
    """

    document = models.OneToOneField(
        ReviewDocument, on_delete=models.CASCADE, related_name="redaction_job"
    )
    status = models.CharField(
        max_length=12,
        choices=RedactionStatus.choices,
        default=RedactionStatus.QUEUED,
        db_index=True,
    )
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_current__lte=models.F("progress_total")),
                name="redaction_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"Public copy of document {self.document_id}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RedactionStatus.DONE, RedactionStatus.FAILED)


class PersonalDataFlag(models.Model):
    """Text that may be personal data, and the manager's decision on it.

    The detector raises flags when a document is processed (and again when it
    improves); a manager adds flags for anything it missed by selecting text.
    Each is decided before publication: redacted from the public copy, or not
    personal data with a reason.
    """

    document = models.ForeignKey(
        ReviewDocument, on_delete=models.CASCADE, related_name="personal_data_flags"
    )
    page = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=PersonalDataKind.choices)
    text = models.CharField(max_length=500)
    context = models.TextField(blank=True)
    source = models.CharField(
        max_length=12, choices=FlagSource.choices, default=FlagSource.DETECTED
    )
    status = models.CharField(
        max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN, db_index=True
    )
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "page", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=FlagStatus.NOT_PERSONAL) | ~models.Q(reason=""),
                name="flag_not_personal_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on page {self.page}"

    @property
    def is_open(self) -> bool:
        return self.status == FlagStatus.OPEN


auditlog.register(ReviewDocument)
auditlog.register(PersonalDataFlag)
