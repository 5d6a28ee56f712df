"""SCR Learning Platform project package: settings, URLs, Celery and accounts."""

from .celery import app as celery_app

__all__ = ("celery_app",)
