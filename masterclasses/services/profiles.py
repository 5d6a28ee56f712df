"""Writes on directory profiles: a lead reviewer keeps their own."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from collation.choices import ReviewModel
from scr_platform.accounts.choices import Region
from scr_platform.accounts.models import User

from ..choices import Availability, Background, Visibility
from ..models import ProfileMethod, ProfileRegion, ReviewerProfile
from ..rules import is_reviewer

MAX_YEARS = 60


@transaction.atomic
def profile_save(
    *,
    user: User,
    background: str,
    availability: str,
    visibility: str,
    years_reviewing: int = 0,
    other_reviews_led: int = 0,
    background_detail: str = "",
    biography: str = "",
    availability_note: str = "",
    regions: Iterable[str] = (),
    methods: Iterable[str] = (),
    show_background: bool = True,
    show_experience: bool = True,
    show_methods: bool = True,
    show_regions: bool = True,
    show_availability: bool = False,
) -> ReviewerProfile:
    """Create or change the user's own directory profile, with its regions and methods."""
    if not is_reviewer(user):
        raise PermissionDenied("Only lead reviewers keep a directory profile.")
    regions, methods = sorted(set(regions)), sorted(set(methods))
    errors = {}
    if background not in Background.values:
        errors["background"] = "Select your professional background."
    if availability not in Availability.values:
        errors["availability"] = "Select whether you are available for new reviews."
    if visibility not in Visibility.values:
        errors["visibility"] = "Select who can find your profile."
    if not 0 <= years_reviewing <= MAX_YEARS:
        errors["years_reviewing"] = f"Years reviewing must be between 0 and {MAX_YEARS}."
    if not 0 <= other_reviews_led <= 500:
        errors["other_reviews_led"] = "Reviews led must be between 0 and 500."
    if any(region not in Region.values for region in regions):
        errors["regions"] = "Select regions from the list."
    if any(method not in ReviewModel.values for method in methods):
        errors["methods"] = "Select methods from the list."
    if errors:
        raise ValidationError(errors)
    profile = ReviewerProfile.objects.filter(user=user).first() or ReviewerProfile(user=user)
    for name, value in {
        "background": background,
        "background_detail": background_detail.strip(),
        "biography": biography.strip(),
        "years_reviewing": years_reviewing,
        "other_reviews_led": other_reviews_led,
        "availability": availability,
        "availability_note": availability_note.strip(),
        "visibility": visibility,
        "show_background": show_background,
        "show_experience": show_experience,
        "show_methods": show_methods,
        "show_regions": show_regions,
        "show_availability": show_availability,
    }.items():
        setattr(profile, name, value)
    profile.save()
    # Each row is saved or deleted on its own, so the audit log shows the change.
    for model, field, wanted in (
        (ProfileRegion, "region", regions),
        (ProfileMethod, "method", methods),
    ):
        existing = {getattr(row, field): row for row in model.objects.filter(profile=profile)}
        for value in wanted:
            if value not in existing:
                model.objects.create(profile=profile, **{field: value})
        for value, row in existing.items():
            if value not in wanted:
                row.delete()
    return profile
