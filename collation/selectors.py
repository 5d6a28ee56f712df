"""Collation: reads: querysets and figures for pages and the API, permission-aware."""
