"""Alliance: page addresses."""

app_name = "alliance"

urlpatterns: list = []
