from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lib.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("cms/", include("staff.page_create")),  # Wagtail's add-page view without autosave
    path("cms/", include(wagtailadmin_urls)),
    path("api/v2/", include("content_api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("membership/", include("members.urls")),
    path("payments/", include("payments.urls")),
    path("support/", include("campaigns.urls")),
    path("live-coverage/", include("live.urls")),
    path("", include("newsletters.urls")),
    path("", include("newsroom.urls")),
    path("", include("audio.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree answers everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
