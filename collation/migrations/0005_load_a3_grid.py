"""Load the LiPP A3 grid: 7 stages, 44 practice issues and their causes.

From data/a3_grid.json (never retyped). Loaded once; afterwards analysts keep
the taxonomy in the app, so this never overwrites their changes.
"""

from django.db import migrations

from scr_platform.reference import a3_grid


def load_grid(apps, schema_editor):
    Stage = apps.get_model("collation", "Stage")
    PracticeIssue = apps.get_model("collation", "PracticeIssue")
    Cause = apps.get_model("collation", "Cause")
    grid = a3_grid()
    stages = {}
    for position, stage in enumerate(grid["stages"], start=1):
        stages[stage["code"]], _ = Stage.objects.get_or_create(
            code=stage["code"], defaults={"title": stage["title"], "position": position}
        )
    for position, item in enumerate(grid["issues"], start=1):
        issue, created = PracticeIssue.objects.get_or_create(
            code=item["code"],
            defaults={
                "stage": stages[item["stage"]],
                "title": item["title"],
                "why_unclear": item["why_unclear"],
                "position": position,
            },
        )
        if created:
            Cause.objects.bulk_create(
                Cause(issue=issue, text=text, position=number)
                for number, text in enumerate(item["why"], start=1)
            )


class Migration(migrations.Migration):
    dependencies = [("collation", "0004_practice_issue_taxonomy_and_coding")]

    operations = [migrations.RunPython(load_grid, migrations.RunPython.noop)]
