from django.apps import AppConfig


class AllianceConfig(AppConfig):
    """The Alliance of national bodies: members, meetings and actions on practice issues
    (capability 4).
    """

    name = "alliance"
    verbose_name = "Alliance"
