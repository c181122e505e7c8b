from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from content_api.endpoints import (
    ArticlesViewSet,
    AuthorsViewSet,
    ImagesViewSet,
    LivePagesViewSet,
    NewsFeedViewSet,
    SectionsViewSet,
)
from content_api.openapi import openapi_view

router = WagtailAPIRouter("content_api")
router.register_endpoint("articles", ArticlesViewSet)
router.register_endpoint("news", NewsFeedViewSet)
router.register_endpoint("live", LivePagesViewSet)
router.register_endpoint("authors", AuthorsViewSet)
router.register_endpoint("sections", SectionsViewSet)
router.register_endpoint("images", ImagesViewSet)


def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"message": "No such address in the content API. The endpoints are listed at /api/v2/openapi.json."},
        status=404,
    )


urlpatterns = [
    path("openapi.json", openapi_view, name="content_api_openapi"),
    path("", router.urls),
    # Anything else under /api/v2/ answers in JSON too, never the site's HTML 404 page.
    re_path(r"^", not_found),
]
