"""Quality Markers: django admin registrations."""
