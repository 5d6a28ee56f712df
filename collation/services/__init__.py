"""Writes for collation, one module per area: reviews, ingestion, processing."""
