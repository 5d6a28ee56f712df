"""Reviewer development: no background work.

Allocation over a round of a few hundred applications takes milliseconds, so
it runs in the request; there is nothing here for Celery to do.
"""
