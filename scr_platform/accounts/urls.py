from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("board/", views.MyBoardView.as_view(), name="my-board"),
    path("boards/<slug:slug>/", views.BoardDetailView.as_view(), name="board"),
]
