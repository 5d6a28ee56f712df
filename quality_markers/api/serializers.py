"""Quality Markers: serializers, each listing its fields."""
