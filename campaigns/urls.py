from django.urls import path

from campaigns import gift_views, views

app_name = "campaigns"

urlpatterns = [
    path("drive/progress.json", views.drive_progress_json, name="drive_progress"),
    path("views/", views.view_beacon, name="view_beacon"),
    path("gift/", gift_views.gift_buy, name="gift_buy"),
    path("gift/start/", gift_views.gift_start, name="gift_start"),
    path("gift/pay/", gift_views.gift_pay, name="gift_pay"),
    path("gift/confirm/", gift_views.gift_confirm, name="gift_confirm"),
    path("gift/thanks/<str:token>/", gift_views.gift_thanks, name="gift_thanks"),
    path("gift/redeem/", gift_views.gift_enter_code, name="gift_enter_code"),
    path("gift/redeem/<str:code>/", gift_views.gift_redeem, name="gift_redeem"),
]
