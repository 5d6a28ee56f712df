"""Small helpers shared by this app's pages."""

from django.core.exceptions import ValidationError

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ReviewerRequiredMixin(RoleRequiredMixin):
    """Lead reviewers (and administrators)."""

    required_roles = (Role.LEAD_REVIEWER,)


class AdministratorRequiredMixin(RoleRequiredMixin):
    """Administrators only: allocation, attendance and feedback figures."""

    required_roles = (Role.ADMINISTRATOR,)
