"""Signing in with a username and password, and reading the signed-in user back.

Django's ``ModelBackend`` reads the user on every request; the roles, which
nearly every page asks for (navigation, access rules), would be a second query.
This backend reads both at once.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .permissions import user_with_roles


class RolesModelBackend(ModelBackend):
    """``ModelBackend``, with the user's roles read in the same query as the user."""

    def get_user(self, user_id):
        user = user_with_roles(get_user_model()._default_manager.all(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
