"""Member organisations and their representatives (kept by administrators)."""

import datetime

from django.db import transaction
from django.utils import timezone

from scr_platform.accounts.models import User

from ..models import Organisation, Representative
from ..rules import forget_organisation
from .common import unique_slug


@transaction.atomic
def organisation_get_or_create(
    *, name: str, sector: str, short_name: str = "", website: str = "", description: str = ""
) -> Organisation:
    """The member organisation of this name, created if it does not exist yet."""
    organisation, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "slug": unique_slug(Organisation, short_name or name, None),
            "sector": sector,
            "short_name": short_name,
            "website": website,
            "description": description,
        },
    )
    return organisation


@transaction.atomic
def representative_appoint(
    *,
    user: User,
    organisation: Organisation,
    job_title: str = "",
    started_on: datetime.date | None = None,
) -> Representative:
    """Make ``user`` the representative of ``organisation``, ending any earlier representation."""
    started_on = started_on or timezone.localdate()
    current = Representative.objects.select_for_update().filter(user=user, ended_on__isnull=True)
    for representation in current:
        if representation.organisation_id == organisation.pk:
            return representation
        representation.ended_on = max(started_on, representation.started_on)
        representation.save(update_fields=["ended_on"])
    forget_organisation(user)
    return Representative.objects.create(
        user=user, organisation=organisation, job_title=job_title, started_on=started_on
    )
