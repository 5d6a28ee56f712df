"""A signed-in user's follows through the API: list, follow (confirmed at once), stop.

The serializer lives here with its one view: ``serializers.py`` is at the size limit.
The public follow through /follow/ only, which confirms their address by e-mail.
"""

from rest_framework import mixins, permissions, serializers, viewsets

from scr_platform.accounts.choices import Region
from scr_platform.api import service_errors

from ...models import Follow, PracticeIssue
from ...services.following import FollowTarget, follow_add_for_user, follow_stop

_NEEDS = {
    Follow.Kind.ISSUE: ("issue", "Give the code of the practice issue to follow."),
    Follow.Kind.REGION: ("region", "Give the region to follow."),
    Follow.Kind.SEARCH: ("query", "Give the words of the search to follow."),
}


class FollowSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(
        slug_field="code",
        queryset=PracticeIssue.objects.filter(retired_at=None),
        required=False,
        allow_null=True,
    )
    region = serializers.ChoiceField(choices=Region.choices, required=False, allow_blank=True)
    query = serializers.CharField(max_length=200, required=False, allow_blank=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Follow
        fields = ["id", "kind", "issue", "region", "query", "label", "confirmed_at"]
        read_only_fields = ["id", "label", "confirmed_at"]
        validators = []  # the service finds an existing follow rather than refusing it

    def validate(self, data):
        needed = _NEEDS.get(data["kind"])
        if needed and not str(data.get(needed[0]) or "").strip():
            raise serializers.ValidationError({needed[0]: needed[1]})
        return data

    def target(self) -> FollowTarget:
        data = self.validated_data
        return FollowTarget.named(
            kind=data["kind"],
            issue=data.get("issue"),
            region=data.get("region", ""),
            query=data.get("query", ""),
        )


class FollowViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """What you follow (signed in): digests go to your account's e-mail address."""

    serializer_class = FollowSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = Follow.objects.none()  # for the schema; each user sees only their own

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            Follow.objects.filter(follower__user=self.request.user)
            .select_related("issue")
            .order_by("kind", "issue__code", "pk")
        )

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = follow_add_for_user(
                user=self.request.user, target=serializer.target()
            )

    def perform_destroy(self, instance):
        follow_stop(follower=instance.follower, follow_pk=instance.pk)
