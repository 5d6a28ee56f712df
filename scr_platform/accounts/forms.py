"""Forms for signing in and for administering users."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm

from scr_platform.forms import GovukFormMixin

from .choices import Role
from .services import user_roles_validate


class SignInForm(GovukFormMixin, AuthenticationForm):
    """Sign in with a username and password, with GOV.UK error messages."""

    error_messages = {
        "invalid_login": ("Enter a correct username and password. Both are case-sensitive."),
        "inactive": "This account has been switched off. Ask an administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class AdminUserChangeForm(UserChangeForm):
    """The admin's user form, refusing role and board combinations that cannot work."""

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is not None:
            labels = {group.name for group in groups}
            roles = [role for role in Role if role.label in labels]
            try:
                user_roles_validate(roles=roles, board=cleaned.get("board"))
            except forms.ValidationError as error:
                # The error names its field (board), so it shows beside it.
                self.add_error(None, error)
        return cleaned
