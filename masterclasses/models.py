"""Reviewer development: models: data and single-row invariants only; logic lives in services."""
