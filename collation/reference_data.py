"""Reference data collation needs: agencies, abuse categories and the A3 grid.

Loaded from data/*.json (never retyped) by the migrations that introduced the
tables, and again after every migrate or test-database flush (post_migrate,
like Django's own permissions), creating only what is missing: analysts'
edits, additions and retirements are never overwritten.
"""

from django.apps import apps as global_apps

from scr_platform.reference import a3_grid, reference

from .choices import AbuseCategoryCode


def reference_data_load(apps=global_apps, using: str = "default") -> None:
    """Create any missing agency, abuse category, stage, practice issue and its causes."""
    Agency = apps.get_model("collation", "Agency")
    AbuseCategory = apps.get_model("collation", "AbuseCategory")
    for position, name in enumerate(reference()["agencies_rr157"], start=1):
        Agency.objects.using(using).get_or_create(name=name, defaults={"position": position})
    for code in AbuseCategoryCode.values:
        AbuseCategory.objects.using(using).get_or_create(code=code)
    try:
        Theme = apps.get_model("collation", "RecommendationTheme")
    except LookupError:  # a migration before themes existed
        Theme = None
    if Theme is not None:
        themes = reference()["recommendation_themes_rr157_table2"]
        for position, theme in enumerate(themes, start=1):
            Theme.objects.using(using).get_or_create(
                name=theme["theme"], defaults={"position": position}
            )
    try:
        Stage = apps.get_model("collation", "Stage")
    except LookupError:  # a migration before the taxonomy existed
        return
    PracticeIssue = apps.get_model("collation", "PracticeIssue")
    Cause = apps.get_model("collation", "Cause")
    grid = a3_grid()
    stages = {}
    for position, stage in enumerate(grid["stages"], start=1):
        stages[stage["code"]], _ = Stage.objects.using(using).get_or_create(
            code=stage["code"], defaults={"title": stage["title"], "position": position}
        )
    for position, item in enumerate(grid["issues"], start=1):
        issue, created = PracticeIssue.objects.using(using).get_or_create(
            code=item["code"],
            defaults={
                "stage": stages[item["stage"]],
                "title": item["title"],
                "why_unclear": item["why_unclear"],
                "position": position,
            },
        )
        if created:
            Cause.objects.using(using).bulk_create(
                Cause(issue=issue, text=text, position=number)
                for number, text in enumerate(item["why"], start=1)
            )
