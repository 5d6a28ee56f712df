"""Quality Markers: thin DRF viewsets delegating writes to services."""
