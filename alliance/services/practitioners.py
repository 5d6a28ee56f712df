"""Practitioners register themselves and verify their e-mail address by a signed link.

Nothing here says whether an address already has an account: registering with
a known address, or asking for a link for an unknown one, looks the same to the
person asking (the known address's owner is told by e-mail instead).
"""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from scr_platform.accounts.choices import Role
from scr_platform.accounts.models import User
from scr_platform.accounts.services import user_staff_sync

from ..choices import PractitionerSector
from ..models import Practitioner

VERIFY_SALT = "alliance.summits.verify"
VERIFY_MAX_AGE = 3 * 24 * 60 * 60  # a link works for three days
_MISSING = {
    "name": "Enter your name.",
    "email": "Enter your e-mail address.",
    "organisation": "Enter the organisation you work for.",
    "sector": "Select the sector you work in.",
    "password": "Enter a password.",
}


def email_normalise(email: str) -> str:
    return (email or "").strip().lower()


def verification_token(user: User) -> str:
    """A signed, expiring token naming the user and the address it was sent to."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)


def _verification_send(*, user: User, site: str) -> None:
    link = site + reverse("alliance:practitioner-verify", args=[verification_token(user)])
    send_mail(
        "Confirm your e-mail address – SCR Learning Platform",
        f"Hello {user.first_name},\n\n"
        "Confirm your e-mail address to contribute to the digital summits:\n\n"
        f"{link}\n\n"
        "The link works for 3 days. If you did not register, ignore this e-mail: "
        "nothing happens without the link.\n",
        None,
        [user.email],
    )


def _already_registered_send(*, email: str, site: str) -> None:
    send_mail(
        "You already have an account – SCR Learning Platform",
        "Someone (perhaps you) tried to register with this e-mail address, which already "
        "has an account. Sign in with this address as your username:\n\n"
        f"{site}{reverse('accounts:login')}\n\n"
        "If it was not you, ignore this e-mail: nothing has changed.\n",
        None,
        [email],
    )


@transaction.atomic
def practitioner_register(
    *, name: str, email: str, organisation: str, sector: str, password: str, site: str
) -> Practitioner | None:
    """Register a practitioner (not yet verified) and send the link; ``site`` is the
    address links start with. A known address gets an e-mail saying so, and None."""
    email = email_normalise(email)
    name, organisation = (name or "").strip(), (organisation or "").strip()
    answers = {"name": name, "email": email, "organisation": organisation, "password": password}
    errors = {field: _MISSING[field] for field, value in answers.items() if not value}
    if sector not in PractitionerSector.values:
        errors["sector"] = _MISSING["sector"]
    if email and ("@" not in email or len(email) > 150):
        errors["email"] = "Enter an e-mail address in the correct format, like name@example.org."
    first_name, _, last_name = name.partition(" ")
    candidate = User(username=email, email=email, first_name=first_name, last_name=last_name)
    if password and "password" not in errors:
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            errors["password"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    if User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    ):
        transaction.on_commit(lambda: _already_registered_send(email=email, site=site))
        return None
    candidate.set_password(password)
    candidate.save()
    practitioner = Practitioner.objects.create(
        user=candidate, organisation=organisation, sector=sector
    )
    transaction.on_commit(lambda: _verification_send(user=candidate, site=site))
    return practitioner


@transaction.atomic
def practitioner_verify(*, token: str) -> Practitioner:
    """Verify the address a link was sent to and give the practitioner role.

    Raises ``ValidationError`` for a link that is expired, altered, or for an
    address the user has changed since. Verifying twice is harmless.
    """
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError("This link has expired. Ask for a new one.") from None
    except signing.BadSignature:
        raise ValidationError("This link is not valid. Check you copied all of it.") from None
    practitioner = (
        Practitioner.objects.select_for_update()
        .select_related("user")
        .filter(user_id=data.get("user"), user__email=data.get("email"))
        .first()
    )
    if practitioner is None:
        raise ValidationError("This link is not valid. Check you copied all of it.")
    if practitioner.verified_at is None:
        practitioner.verified_at = timezone.now()
        practitioner.save(update_fields=["verified_at"])
        practitioner.user.groups.add(Group.objects.get(name=Role.PRACTITIONER.label))
        user_staff_sync(user=practitioner.user)
    return practitioner


def verification_resend(*, email: str, site: str) -> None:
    """Send a new link to an unverified practitioner's address; otherwise do nothing
    (the page says the same either way)."""
    practitioner = (
        Practitioner.objects.select_related("user")
        .filter(user__email__iexact=email_normalise(email), verified_at__isnull=True)
        .first()
    )
    if practitioner is not None:
        _verification_send(user=practitioner.user, site=site)
