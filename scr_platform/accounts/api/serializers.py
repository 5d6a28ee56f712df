from rest_framework import serializers

from ..models import Board, User
from ..selectors import role_labels


class BoardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Board
        fields = ["id", "name", "slug", "region"]


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    # Only LSCB managers belong to a board: allow_null documents that in the schema.
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "board",
            "roles",
            "is_active",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields

    def get_roles(self, user: User) -> list[str]:
        return role_labels(user=user)
