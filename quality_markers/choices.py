"""Choices for the Quality Markers."""

from django.db import models


class Audience(models.TextChoices):
    """Who a marker is for (the evaluation asked for each marker to say)."""

    BOARD_MANAGER = "board_manager", "Board manager"
    CHAIR = "chair", "Chair"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    SUB_GROUP = "sub_group", "Sub-group"
