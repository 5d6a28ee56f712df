from django.apps import AppConfig


class CollationConfig(AppConfig):
    """Report ingestion, the searchable repository, practice-issue coding and trends (capabilities
    1 and 2).
    """

    name = "collation"
    verbose_name = "Collation"
