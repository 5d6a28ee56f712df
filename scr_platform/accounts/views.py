"""Pages for signing in and out, your account, and your board."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import RedirectView, TemplateView

from .choices import Role
from .forms import SignInForm
from .models import Board
from .permissions import RoleRequiredMixin, is_administrator, user_roles
from .roles import ROLE_DESCRIPTIONS
from .selectors import board_members, role_labels


class SignInView(auth_views.LoginView):
    """The GOV.UK sign-in page; django-axes throttles repeated failures."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires) and return to the start page."""


class ProfileView(LoginRequiredMixin, TemplateView):
    """Your account: who you are, your roles and what each lets you do."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        held = user_roles(self.request.user)
        return super().get_context_data(
            roles=[(role.label, ROLE_DESCRIPTIONS[role]) for role in Role if role in held],
            **kwargs,
        )


class BoardDetailView(RoleRequiredMixin, TemplateView):
    """A board and its people, for the board's own managers and administrators."""

    template_name = "accounts/board_detail.html"
    required_roles = (Role.LSCB_MANAGER,)

    def get_context_data(self, **kwargs):
        board = get_object_or_404(Board, slug=self.kwargs["slug"])
        user = self.request.user
        if not (is_administrator(user) or user.board_id == board.pk):
            # Another board's page is not ours to confirm or deny.
            raise Http404
        members = [
            {"user": member, "roles": role_labels(user=member)}
            for member in board_members(board=board)
        ]
        return super().get_context_data(board=board, members=members, **kwargs)


class MyBoardView(RoleRequiredMixin, RedirectView):
    """Send an LSCB manager to their own board's page."""

    required_roles = (Role.LSCB_MANAGER,)

    def get_redirect_url(self, *args, **kwargs):
        if self.request.user.board_id is None:
            raise Http404("You do not belong to a board.")
        return self.request.user.board.get_absolute_url()
