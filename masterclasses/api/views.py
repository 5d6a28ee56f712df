"""Reviewer development: thin DRF viewsets delegating writes to services."""
