"""Choices for the Quality Markers."""

from django.db import models


class Audience(models.TextChoices):
    """Who a marker is for (the evaluation asked for each marker to say)."""

    BOARD_MANAGER = "board_manager", "Board manager"
    CHAIR = "chair", "Chair"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    SUB_GROUP = "sub_group", "Sub-group"


class Point(models.TextChoices):
    """When in a review an assessment is made (the evaluation: at every stage)."""

    SETTING_UP = "setting_up", "Setting up the review"
    DURING = "during", "During the review"
    RETROSPECTIVE = "retrospective", "Looking back (retrospective)"


class Rating(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Usefulness(models.TextChoices):
    """How useful a marker was, in feedback on the markers themselves."""

    VERY = "very", "Very useful"
    QUITE = "quite", "Quite useful"
    NOT_VERY = "not_very", "Not very useful"
    NOT_AT_ALL = "not_at_all", "Not useful at all"
