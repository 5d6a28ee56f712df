from django.apps import AppConfig


class AllianceConfig(AppConfig):
    """The Alliance of national bodies: members, meetings and actions on practice issues
    (capability 4).
    """

    name = "alliance"
    verbose_name = "Alliance"

    def ready(self) -> None:
        from django.urls import reverse

        from collation import digest_sections, issue_panels
        from scr_platform import demo
        from scr_platform.navigation import NavItem, register

        from .dashboard import register_dashboard
        from .demo import alliance_demo_seed
        from .demo_summits import summits_demo_seed
        from .rules import can_record_actions, can_record_good_practice, can_run_summits
        from .selectors import (
            digest_progress,
            issue_alliance_work,
            issue_good_practice,
            issue_summits,
        )

        register(NavItem("Alliance", "alliance:action-list", order=29))
        register(NavItem("Summits", "alliance:summit-list", order=30))
        # The Alliance's work on an issue's public page: collation never imports this app.
        issue_panels.register(
            issue_panels.IssuePanel(
                title="What the Alliance is doing",
                template="alliance/includes/issue_panel.html",
                context=lambda issue, request: {
                    "work": issue_alliance_work(issue=issue),
                    "can_record": can_record_actions(request.user),
                    # For a <link rel="alternate"> in the page's head, if it offers one.
                    "feed_url": reverse("alliance:issue-updates-feed", args=[issue.code]),
                    "feed_title": f"Progress on Alliance actions on {issue.code}",
                },
                order=40,
                pack_template="alliance/includes/issue_panel_pack.html",
            )
        )
        issue_panels.register(
            issue_panels.IssuePanel(
                title="Good practice",
                template="alliance/includes/issue_good_practice.html",
                context=lambda issue, request: {
                    "good_practice": issue_good_practice(issue=issue),
                    "can_record": can_record_good_practice(request.user),
                },
                order=45,
                pack_template="alliance/includes/issue_good_practice_pack.html",
            )
        )
        issue_panels.register(
            issue_panels.IssuePanel(
                title="What practitioners say",
                template="alliance/includes/issue_summits.html",
                context=lambda issue, request: {
                    "summits": issue_summits(issue=issue),
                    "can_run": can_run_summits(request.user),
                },
                order=47,
            )
        )
        # Followers' digests: Alliance progress on the issues they follow.
        digest_sections.register(
            digest_sections.DigestSection(
                title="What the Alliance is doing",
                items=lambda issues, since, until: digest_progress(
                    issues=issues, since=since, until=until
                ),
                order=40,
            )
        )
        demo.register(demo.DemoProvider("Alliance", alliance_demo_seed, order=40))
        demo.register(demo.DemoProvider("Digital summits", summits_demo_seed, order=41))
        register_dashboard()
        _register_public_changes()


def _register_public_changes() -> None:
    """What issue pages show of the Alliance: published actions, organisations, working
    groups, good practice, summit rounds and approved contributions. Meetings and decisions
    are the members' own record."""
    from django.db.models import Q

    from scr_platform import public_changes

    from . import models
    from .choices import ContributionStatus

    public_changes.register(models.Action, when=Q(published_at__isnull=False))
    public_changes.register(models.ProgressUpdate, when=Q(action__published_at__isnull=False))
    public_changes.register(models.ImpactEvidence, when=Q(action__published_at__isnull=False))
    for model in (
        models.Organisation,
        models.WorkingGroup,
        models.GoodPractice,
        models.SummitRound,
    ):
        public_changes.register(model)
    # Only approved contributions are public: approving one, or rejecting, withdrawing or
    # reporting an approved one, moves the version on; the queue's own changes do not.
    public_changes.register(models.Contribution, when=Q(status=ContributionStatus.APPROVED))
