from django.conf import settings
from django.urls import path

from newsletters import dev_views, views, webhooks

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.newsletter_index, name="index"),
    path("newsletters/subscribe/", views.subscribe, name="subscribe"),
    path("newsletters/subscribe/thanks/", views.thanks, name="thanks"),
    path("newsletters/confirm/new-link/", views.new_link, name="new_link"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletters/preferences/<str:token>/", views.preferences, name="preferences"),
    # Only the configured provider's tracking webhook, and only when anymail can authenticate
    # its posts; anything else is a 404 (newsletters/webhooks.py).
    path(
        "newsletters/anymail/<slug:provider_name>/tracking/",
        webhooks.tracking_webhook,
        name="provider_tracking_webhook",
    ),
    path("newsletters/<slug:slug>/", views.newsletter_detail, name="detail"),
    path("newsletters/<slug:slug>/issues/<int:issue_id>/", views.issue_web_version, name="issue"),
]

if settings.DEBUG:
    urlpatterns += [
        path("dev/mailbox/", dev_views.mailbox_index, name="dev_mailbox"),
        path("dev/mailbox/<str:name>/", dev_views.mailbox_message, name="dev_mailbox_message"),
    ]
