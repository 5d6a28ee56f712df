"""Collation: django admin registrations."""
