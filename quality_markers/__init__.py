"""Quality Marker self-assessments for reviews (capability 3)."""
