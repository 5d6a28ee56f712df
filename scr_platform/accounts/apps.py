from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Users, boards and roles: the part of the platform every app relies on."""

    name = "scr_platform.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from scr_platform import dashboard, demo
        from scr_platform.navigation import NavItem, register

        from .choices import Role
        from .demo import accounts_demo_seed_report

        demo.register(demo.DemoProvider("Boards and users", accounts_demo_seed_report, order=10))
        _register_public_changes()
        # Roles are groups whose permissions must follow the models that exist.
        post_migrate.connect(_sync_roles_after_migrate)
        dashboard.register(
            dashboard.DashboardPanel(
                Role.ADMINISTRATOR, "Service health", dashboard.service_health, order=95
            )
        )
        register(
            NavItem("Your work", "dashboard", signed_in=True, order=5),
            NavItem(
                "Your board",
                "accounts:my-board",
                roles=(Role.LSCB_MANAGER,),
                order=80,
                condition=lambda user: user.board_id is not None,
            ),
            NavItem("Your account", "accounts:profile", signed_in=True, order=90),
            NavItem("Administration", "admin:index", roles=(Role.ADMINISTRATOR,), order=95),
            NavItem(
                "Audit log",
                "admin:auditlog_logentry_changelist",
                roles=(Role.ADMINISTRATOR,),
                order=96,
            ),
        )


def _register_public_changes() -> None:
    """Boards (and people's names) show on public pages: changes move the public version.

    Signing in only stamps ``last_login``, which no public page shows.
    """
    from scr_platform import public_changes

    from .models import Board, User

    public_changes.register(Board)
    public_changes.register(User, ignore_fields={"last_login"})


def _sync_roles_after_migrate(app_config, using="default", **kwargs) -> None:
    """Apply the role table once per migrate (or test flush), after the last app.

    post_migrate is sent once per app that has models, in app order, and each
    app's permissions are created by its own signal; only after the last one
    do all the permissions the table names exist.
    """
    from .services import roles_sync

    apps_with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is apps_with_models[-1]:
        roles_sync(using=using)
