from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MasterclassesConfig(AppConfig):
    """Reviewer directory, masterclasses, allocation and CPD (capability 5)."""

    name = "masterclasses"
    verbose_name = "Reviewer development"

    def ready(self) -> None:
        from scr_platform import demo
        from scr_platform.accounts.choices import Role
        from scr_platform.navigation import NavItem, register

        from .dashboard import register_dashboard
        from .demo import masterclasses_demo_seed

        register(
            NavItem("Masterclasses", "masterclasses:catalogue", order=30),
            NavItem("Reviewers", "masterclasses:directory", roles=(Role.LSCB_MANAGER,), order=32),
            # Only for those who hold the role: an administrator keeps no CPD log.
            NavItem(
                "CPD log",
                "masterclasses:cpd-log",
                roles=(Role.LEAD_REVIEWER,),
                order=33,
                condition=_holds_lead_reviewer,
            ),
        )
        demo.register(
            demo.DemoProvider("Masterclasses and reviewers", masterclasses_demo_seed, order=50)
        )
        register_dashboard()
        post_migrate.connect(_load_topics, sender=self)


def _holds_lead_reviewer(user) -> bool:
    from scr_platform.accounts.choices import Role
    from scr_platform.accounts.permissions import user_roles

    return Role.LEAD_REVIEWER in user_roles(user)


def _load_topics(using="default", **kwargs) -> None:
    # After every migrate, and after a test flush, which empties every table.
    from .reference_data import topics_load

    topics_load(using=using)
