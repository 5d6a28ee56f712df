"""Small helpers shared by this app's pages."""

from scr_platform.accounts.choices import Role
from scr_platform.accounts.permissions import RoleRequiredMixin


class ReviewerRequiredMixin(RoleRequiredMixin):
    """Lead reviewers (and administrators)."""

    required_roles = (Role.LEAD_REVIEWER,)


class AdministratorRequiredMixin(RoleRequiredMixin):
    """Administrators only: allocation, attendance and feedback figures."""

    required_roles = (Role.ADMINISTRATOR,)
