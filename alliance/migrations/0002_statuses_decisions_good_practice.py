"""Statuses in the issue's words (proposed, in progress, done, dropped with a reason),
meetings' notes and decisions, and good practice.

Existing actions and updates are converted: planned becomes proposed,
withdrawn becomes dropped (its reason taken from the update that withdrew it),
and on hold becomes in progress, the update that put it on hold keeping its
words ("On hold: …") without a change of status.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NO_REASON = "Withdrawn before the Alliance recorded reasons."


def statuses_forwards(apps, schema_editor):
    Action = apps.get_model("alliance", "Action")
    ProgressUpdate = apps.get_model("alliance", "ProgressUpdate")
    for action in Action.objects.filter(status="withdrawn"):
        withdrawn_by = (
            ProgressUpdate.objects.filter(action=action, status="withdrawn")
            .order_by("-written_on", "-created_at")
            .first()
        )
        action.status = "dropped"
        action.dropped_reason = withdrawn_by.text if withdrawn_by else NO_REASON
        action.save(update_fields=["status", "dropped_reason"])
    Action.objects.filter(status="planned").update(status="proposed")
    Action.objects.filter(status="on_hold").update(status="in_progress")
    ProgressUpdate.objects.filter(status="planned").update(status="proposed")
    ProgressUpdate.objects.filter(status="withdrawn").update(status="dropped")
    for update in ProgressUpdate.objects.filter(status="on_hold"):
        update.text = f"On hold: {update.text}"
        update.status = ""
        update.save(update_fields=["text", "status"])


def statuses_backwards(apps, schema_editor):
    Action = apps.get_model("alliance", "Action")
    ProgressUpdate = apps.get_model("alliance", "ProgressUpdate")
    for model in (Action, ProgressUpdate):
        model.objects.filter(status="proposed").update(status="planned")
        model.objects.filter(status="dropped").update(status="withdrawn")


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0001_actions_meetings_working_groups"),
        ("collation", "0008_load_recommendation_themes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["meeting", "created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="GoodPractice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                (
                    "what_worked",
                    models.TextField(help_text="What was done, and what difference it made."),
                ),
                (
                    "where",
                    models.CharField(
                        help_text="The place, service or organisation where it worked.",
                        max_length=200,
                    ),
                ),
                (
                    "links",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Where to read more: a list of web addresses.",
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True, help_text="When the practice began, if known.", null=True
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "good practice example",
                "verbose_name_plural": "good practice",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RenameField(model_name="meeting", old_name="summary", new_name="notes"),
        migrations.AddField(
            model_name="action",
            name="dropped_reason",
            field=models.TextField(
                blank=True, help_text="Why the action was dropped (required when it is)."
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="notes",
            field=models.TextField(blank=True, help_text="What was discussed."),
        ),
        migrations.AlterField(
            model_name="action",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed"),
                    ("in_progress", "In progress"),
                    ("done", "Done"),
                    ("dropped", "Dropped"),
                ],
                db_index=True,
                default="proposed",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="progressupdate",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("proposed", "Proposed"),
                    ("in_progress", "In progress"),
                    ("done", "Done"),
                    ("dropped", "Dropped"),
                ],
                help_text="The action's new status, if this update changed it.",
                max_length=12,
            ),
        ),
        migrations.RunPython(statuses_forwards, statuses_backwards),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "dropped"), _negated=True),
                    models.Q(("dropped_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="dropped_action_has_reason",
                violation_error_message="Say why the action was dropped.",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="action",
            field=models.OneToOneField(
                blank=True,
                help_text="The action this decision became, if any.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="decision",
                to="alliance.action",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="alliance.meeting",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="goodpractice",
            name="issues",
            field=models.ManyToManyField(
                related_name="good_practice",
                to="collation.practiceissue",
                verbose_name="practice issues",
            ),
        ),
        migrations.AddField(
            model_name="goodpractice",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The member organisation that knows it best, if any.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="good_practice",
                to="alliance.organisation",
                verbose_name="member organisation",
            ),
        ),
        migrations.AddField(
            model_name="goodpractice",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
