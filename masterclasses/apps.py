from django.apps import AppConfig


class MasterclassesConfig(AppConfig):
    """Reviewer directory, masterclasses, allocation and CPD (capability 5)."""

    name = "masterclasses"
    verbose_name = "Reviewer development"
