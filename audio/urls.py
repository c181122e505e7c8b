from django.urls import path

from audio import views
from members.urls import ShortIntConverter  # noqa: F401 - registers <shortint:> (at most 9 digits)

app_name = "audio"

urlpatterns = [
    path("audio/<shortint:article_id>/<slug:version>.mp3", views.narration_audio, name="narration"),
    path("podcast.xml", views.podcast_feed, name="podcast"),
    path("podcast/artwork.png", views.podcast_artwork, name="podcast_artwork"),
]
