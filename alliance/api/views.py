"""Alliance: thin DRF viewsets delegating writes to services."""
