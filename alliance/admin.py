"""Alliance: django admin registrations."""
