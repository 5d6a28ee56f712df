from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "accounts-api"

router = SimpleRouter()
router.register("boards", views.BoardViewSet)
router.register("users", views.UserViewSet)

urlpatterns = [path("me/", views.CurrentUserView.as_view(), name="me"), *router.urls]
