from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.generics import RetrieveAPIView

from ..filtersets import BoardFilterSet, UserFilterSet
from ..permissions import IsAdministrator
from ..selectors import board_list, user_list
from .serializers import BoardSerializer, UserSerializer


class BoardViewSet(viewsets.ReadOnlyModelViewSet):
    """Local Safeguarding Children Boards: public. Administrators manage them in admin."""

    queryset = board_list()
    serializer_class = BoardSerializer
    filterset_class = BoardFilterSet
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"
    ordering_fields = ["name", "region"]


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Every user with their roles and board: administrators only."""

    queryset = user_list()
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    permission_classes = [IsAdministrator]
    ordering_fields = ["username", "last_name", "date_joined"]


class CurrentUserView(RetrieveAPIView):
    """The signed-in user, with their roles."""

    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(operation_id="accounts_me_retrieve")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return self.request.user
