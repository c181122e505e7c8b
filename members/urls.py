from django.urls import path, register_converter

from members.views import account, join, me, signin


class ShortIntConverter:
    """Ids and years with at most 9 digits: longer numbers are a 404, never a database error."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(ShortIntConverter, "shortint")

app_name = "members"

urlpatterns = [
    path("join/", join.join_page, name="join"),
    path("join/start/", join.join_start, name="join_start"),
    path("join/pay/", join.join_pay, name="join_pay"),
    path("join/confirm/", join.join_confirm, name="join_confirm"),
    path("thanks/", join.thanks, name="thanks"),
    path("sign-in/", signin.request_link, name="sign_in"),
    path("sign-in/code/", signin.enter_code, name="sign_in_code"),
    path("sign-in/<str:token>/", signin.use_link, name="sign_in_link"),
    path("sign-out/", signin.sign_out_view, name="sign_out"),
    path("me.json", me.me_json, name="me"),
    path("account/", account.account, name="account"),
    path("account/cancel/", account.cancel, name="cancel"),
    path("account/resume/", account.resume, name="resume"),
    path("account/plan/", account.change_plan, name="change_plan"),
    path("account/card/", account.card_start, name="card_start"),
    path("account/receipts/<shortint:payment_id>/", account.resend_receipt, name="resend_receipt"),
    path("account/summary/<shortint:year>/", account.yearly_summary, name="yearly_summary"),
    path("account/export/", account.export_data, name="export"),
    path("account/delete/", account.delete_account, name="delete"),
]
