"""Choices for accounts: the platform's roles and England's regions."""

from django.db import models
from django.utils.text import slugify

from scr_platform.reference import english_regions


class Role(models.TextChoices):
    """A role a user can hold; each is a Django group of the same label."""

    LSCB_MANAGER = "lscb_manager", "LSCB manager"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    ANALYST = "analyst", "Analyst"
    ALLIANCE_MEMBER = "alliance_member", "Alliance member"
    # Self-registered frontline practitioners (e-mail verified): contribute to summits.
    PRACTITIONER = "practitioner", "Practitioner"
    ADMINISTRATOR = "administrator", "Administrator"


# Built from data/reference.json so the list is never retyped. Stored values
# are slugs ("yorkshire-and-humber"); labels are the source's names.
Region = models.TextChoices(
    "Region",
    [
        (slugify(name).replace("-", "_").upper(), (slugify(name), name))
        for name in english_regions()
    ],
)
