"""Writes for reviewer development, one module per area; each owns its transaction."""
