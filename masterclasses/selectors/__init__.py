"""Reads for reviewer development, one module per area, permission-aware."""
