"""Choices for reviews, their documents and the processing of them."""

from django.db import models

from scr_platform.reference import reference


class Incident(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"


class ChildAgeBand(models.TextChoices):
    UNDER_1 = "under_1", "Under 1"
    AGE_1_5 = "1_5", "1 to 5"
    AGE_6_10 = "6_10", "6 to 10"
    AGE_11_15 = "11_15", "11 to 15"
    AGE_16_17 = "16_17", "16 to 17"


class ChildSex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_STATED = "not_stated", "Not stated"


class ReviewModel(models.TextChoices):
    """How the review was carried out."""

    SCIE_SYSTEMS = "scie_systems", "SCIE Learning Together (systems model)"
    SILP = "silp", "Significant Incident Learning Process (SILP)"
    HYBRID_SYSTEMS = "hybrid_systems", "Hybrid systems methodology"
    IMR_OVERVIEW = "imr_overview", "Individual management reviews and overview report"
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    OTHER = "other", "Other"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DocumentKind(models.TextChoices):
    OVERVIEW_REPORT = "overview_report", "Overview report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    ACTION_PLAN = "action_plan", "Action plan"
    OTHER = "other", "Other"


class DocumentStatus(models.TextChoices):
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    NO_TEXT = "no_text", "Scanned – no text"
    FAILED = "failed", "Failed"
    # The carrier of a synthetic demo review's codings: no file, never processed or public.
    SYNTHETIC = "synthetic", "Synthetic: no report"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    # The task could not be sent (the queue was down): the sweep sends it as soon as it can.
    QUEUE_DOWN = "queue_down", "Waiting for the queue"
    EXTRACTING = "extracting", "Reading pages"
    OCR = "ocr", "Reading scanned pages (OCR)"
    ANALYSING = "analysing", "Analysing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class PersonalDataKind(models.TextChoices):
    NAME = "name", "Full name"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth"
    ADDRESS = "address", "Address"
    POSTCODE = "postcode", "Postcode"
    PHONE = "phone", "Phone number"
    EMAIL = "email", "Email address"
    NHS_NUMBER = "nhs_number", "NHS number"
    OTHER = "other", "Other text chosen for redaction"


class FlagStatus(models.TextChoices):
    OPEN = "open", "To check"
    REDACT = "redact", "Redacted"
    NOT_PERSONAL = "not_personal", "Not personal data"
    REPLACED = "replaced", "Removed in a corrected document"


class FlagSource(models.TextChoices):
    DETECTED = "detected", "Found when the document was processed"
    SELECTED = "selected", "Selected by a manager"
    RECHECK = "recheck", "Found by a later check"


class CodingVerification(models.TextChoices):
    """A second analyst's check of a coding: only agreed or resolved codings count publicly."""

    UNVERIFIED = "unverified", "Not yet verified"
    AGREED = "agreed", "Agreed"
    DISAGREED = "disagreed", "Disagreed: to resolve"
    RESOLVED = "resolved", "Disagreement resolved"


# The verification states in which a coding counts in public figures, excerpts and exports.
COUNTED_VERIFICATIONS = (CodingVerification.AGREED, CodingVerification.RESOLVED)


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "To decide"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class RedactionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    QUEUE_DOWN = "queue_down", "Waiting for the queue"
    REDACTING = "redacting", "Redacting pages"
    READING = "reading", "Reading the public copy"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class AbuseCategoryCode(models.TextChoices):
    """The abuse categories of Working Together to Safeguard Children."""

    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    NEGLECT = "neglect", "Neglect"


# Our keys, the source's labels (data/reference.json "recommendation_layers").
_LAYER_KEYS = ("child", "family", "case", "regional_national")
RecommendationLayer = models.TextChoices(
    "RecommendationLayer",
    [
        (key.upper(), (key, label))
        for key, label in zip(_LAYER_KEYS, reference()["recommendation_layers"], strict=True)
    ],
)


# Model field -> the SMART criterion's name (data/reference.json "smart_criteria").
SMART_CRITERIA = dict(
    zip(
        ("is_specific", "is_measurable", "is_achievable", "is_relevant", "is_timely"),
        reference()["smart_criteria"],
        strict=True,
    )
)


class LocalIssueStatus(models.TextChoices):
    """A board's answer to "does this happen here?" for one practice issue."""

    SEEN = "seen", "Seen here"
    NOT_SEEN = "not_seen", "Not seen"
    UNKNOWN = "unknown", "Don't know"


class LocalActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class OutcomeStatus(models.TextChoices):
    """Where the addressed agency is with a published recommendation."""

    ACCEPTED = "accepted", "Accepted"
    IN_PROGRESS = "in_progress", "In progress"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"


# Outcomes still open: past their due date, they are overdue.
OPEN_OUTCOMES = (OutcomeStatus.ACCEPTED, OutcomeStatus.IN_PROGRESS)
