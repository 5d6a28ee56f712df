"""Jobs whose queueing failed were marked by a message alone; they now have a status."""

from django.db import migrations

# Jobs whose queueing failed were marked by this message alone; they now have a
# status of their own. (Frozen here: the message may change in the code.)
_QUEUE_DOWN_MESSAGE = (
    "Waiting for the processing queue, which is not responding: "
    "processing will start automatically when it is back"
)


def mark_queue_down(apps, schema_editor):
    apps.get_model("collation", "ProcessingJob").objects.filter(
        status="queued", message=_QUEUE_DOWN_MESSAGE
    ).update(status="queue_down")


def unmark_queue_down(apps, schema_editor):
    apps.get_model("collation", "ProcessingJob").objects.filter(status="queue_down").update(
        status="queued", message=_QUEUE_DOWN_MESSAGE
    )


class Migration(migrations.Migration):
    dependencies = [("collation", "0009_safe_publication")]

    operations = [migrations.RunPython(mark_queue_down, unmark_queue_down)]
