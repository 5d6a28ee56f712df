"""The Celery application, wired the standard way.

Configuration lives in Django settings under the ``CELERY_`` prefix, and
tasks are discovered in each installed app's ``tasks.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scr_platform.settings")

app = Celery("scr_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="scr_platform.health_check", ignore_result=False)
def health_check() -> str:
    """Answer 'pong': proves a worker is consuming and results come back."""
    return "pong"
