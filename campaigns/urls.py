from django.urls import include, path

from campaigns import gift_views, views

# The gift page's card steps (members' checkout of kind "gift") and the buyer's thanks page.
card_steps = [
    path("start/", gift_views.gift_start, name="gift_start"),
    path("pay/", gift_views.gift_pay, name="gift_pay"),
    path("confirm/", gift_views.gift_confirm, name="gift_confirm"),
    path("thanks/<str:token>/", gift_views.gift_thanks, name="gift_thanks"),
]
# Redeeming a gift: type a code, or open the link; GET shows the gift, POST starts it.
redeeming = [
    path("", gift_views.gift_enter_code, name="gift_enter_code"),
    path("<str:code>/", gift_views.gift_redeem, name="gift_redeem"),
]

urlpatterns = [
    path("drive/progress.json", views.drive_progress_json, name="drive_progress"),
    path("views/", views.view_beacon, name="view_beacon"),
    path("gift/", gift_views.gift_buy, name="gift_buy"),
    path("gift/", include(card_steps)),
    path("gift/redeem/", include(redeeming)),
]
app_name = "campaigns"
