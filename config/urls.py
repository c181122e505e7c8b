from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path
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
]


def _app_urls(app: str, prefix: str) -> list[URLPattern | URLResolver]:
    # A feature app left out of INSTALLED_APPS takes its URLs with it; the reader site still works.
    return [path(prefix, include(f"{app}.urls"))] if apps.is_installed(app) else []


urlpatterns += [
    *_app_urls("members", "membership/"),
    *_app_urls("payments", "payments/"),
    *_app_urls("campaigns", "support/"),
    *_app_urls("live", "live-coverage/"),
    *_app_urls("newsletters", ""),
    path("", include("newsroom.urls")),
    *_app_urls("audio", ""),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree answers everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
