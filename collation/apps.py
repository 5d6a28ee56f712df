from celery.signals import worker_process_init
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CollationConfig(AppConfig):
    """Report ingestion, the searchable repository, practice-issue coding and trends."""

    name = "collation"
    verbose_name = "Collation"

    def ready(self) -> None:
        from scr_platform import demo
        from scr_platform.accounts.choices import Role
        from scr_platform.navigation import NavItem, register

        from .dashboard import register_dashboard
        from .demo import collation_demo_seed
        from .demo_learning import learning_demo_seed
        from .demo_local import local_demo_seed

        register(
            NavItem("Reviews", "collation:review-list", order=10),
            NavItem("Search", "collation:search", order=20),
            NavItem("Trends", "collation:trend-grid", order=25),
            NavItem("Briefings", "collation:briefing-list", order=27),
            NavItem("Taxonomy", "collation:taxonomy", roles=(Role.ANALYST,), order=40),
            NavItem("Verify codings", "collation:verification", roles=(Role.ANALYST,), order=41),
            NavItem(
                "Register a review",
                "collation:review-create",
                roles=(Role.LSCB_MANAGER,),
                order=31,
                condition=lambda user: user.board_id is not None,
            ),
        )
        demo.register(demo.DemoProvider("Demo reviews", collation_demo_seed, order=20))
        demo.register(demo.DemoProvider("Boards' local learning", local_demo_seed, order=21))
        demo.register(demo.DemoProvider("Demo learning material", learning_demo_seed, order=22))
        register_dashboard()
        post_migrate.connect(_load_reference_data, sender=self)
        _register_public_changes()
        worker_process_init.connect(_preload_for_worker, dispatch_uid="collation-preload")


def _register_public_changes() -> None:
    """The rows public pages show: any write to one moves the public version on."""
    from django.db.models import Q

    from scr_platform import public_changes

    from . import models
    from .choices import ReviewStatus

    published = ReviewStatus.PUBLISHED
    public_changes.register(models.Review, when=Q(status=published))
    public_changes.register(models.ReviewDocument, when=Q(review__status=published))
    public_changes.register(models.Recommendation, when=Q(document__review__status=published))
    public_changes.register(models.Coding, when=Q(document__review__status=published))
    public_changes.register(models.Briefing, when=Q(status=models.Briefing.Status.PUBLISHED))
    public_changes.register(
        models.BriefingAudience, when=Q(briefing__status=models.Briefing.Status.PUBLISHED)
    )
    public_changes.register(
        models.TrainingPack, when=Q(status=models.TrainingPack.Status.PUBLISHED)
    )
    for model in (
        models.Stage,
        models.PracticeIssue,
        models.Cause,
        models.Agency,
        models.AbuseCategory,
        models.RecommendationTheme,
        # Boards' own records feed the national figures (small numbers hidden).
        models.LocalIssue,
        models.LocalAction,
        models.RecommendationOutcome,
    ):
        public_changes.register(model)


def _preload_for_worker(**kwargs) -> None:
    """Load the word lists, dictionaries and the suggestion model when a worker process
    starts, so that its first document runs as fast as the rest."""
    from .analysis import analysis_preload

    analysis_preload()


def _load_reference_data(using="default", **kwargs) -> None:
    # After every migrate, and after a test flush, which empties every table.
    from .reference_data import reference_data_load

    reference_data_load(using=using)
