"""Collation: celery tasks: thin, idempotent, each calling one service."""
