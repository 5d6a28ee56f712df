"""Alliance: serializers, each listing its fields."""
