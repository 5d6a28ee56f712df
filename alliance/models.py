"""Alliance: models: data and single-row invariants only; logic lives in services."""
