from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("drive/progress.json", views.drive_progress_json, name="drive_progress"),
    path("views/", views.view_beacon, name="view_beacon"),
]
