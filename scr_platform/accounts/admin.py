"""Administration of users (roles, board, password resets) and boards."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .forms import AdminUserChangeForm
from .models import Board, User
from .services import user_staff_sync


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, plus the board; roles are the groups.

    Passwords are reset here by administrators ("Reset password" link on a
    user's page) until self-service reset arrives.
    """

    form = AdminUserChangeForm
    list_display = ["username", "first_name", "last_name", "email", "board", "is_active"]
    list_filter = ["groups", "board", "is_active"]
    list_select_related = ["board"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name", "email")}),
        (
            "Roles",
            {
                "fields": ("groups", "board", "is_active", "is_superuser"),
                "description": (
                    "Each group is a role. An LSCB manager must belong to a board. "
                    "Administrators are given access to this admin site automatically."
                ),
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Groups are saved only now, so admin access is brought in step here.
        user_staff_sync(user=form.instance)
