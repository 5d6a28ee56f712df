"""Collation: writes, as functions named <entity>_<action> owning transactions."""
