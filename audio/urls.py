from django.urls import path

from audio import views

app_name = "audio"

urlpatterns = [
    path("audio/<int:article_id>/<slug:version>.mp3", views.narration_audio, name="narration"),
    path("podcast.xml", views.podcast_feed, name="podcast"),
    path("podcast/artwork.png", views.podcast_artwork, name="podcast_artwork"),
]
