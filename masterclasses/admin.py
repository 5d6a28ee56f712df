"""Reviewer development: django admin registrations."""
