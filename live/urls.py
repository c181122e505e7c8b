from django.urls import path

from live import views

app_name = "live"

urlpatterns = [
    path("<int:page_id>/updates.json", views.updates_json, name="updates"),
    path("entry/<int:entry_id>/", views.entry_permalink, name="entry"),
]
