"""Alliance: celery tasks: thin, idempotent, each calling one service.

None yet: every Alliance write is small and done in the request.
"""
