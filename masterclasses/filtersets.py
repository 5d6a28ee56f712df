"""Reviewer development: django-filter filtersets shared by pages and the API, each with a ``q``
search.
"""
