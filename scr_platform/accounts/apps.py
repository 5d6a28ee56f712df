from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Users, boards and roles: the part of the platform every app relies on."""

    name = "scr_platform.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from scr_platform import navigation

        from . import services

        # Roles are groups whose permissions must follow the models that exist,
        # and permissions only exist once every app has migrated.
        post_migrate.connect(_sync_roles_after_migrate, sender=self)
        navigation.register(*services.ACCOUNT_NAVIGATION)


def _sync_roles_after_migrate(**kwargs) -> None:
    from .services import roles_sync

    roles_sync(using=kwargs.get("using", "default"))
