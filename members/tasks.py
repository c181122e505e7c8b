"""Background work of members. Tasks take ids, run after commit and call a service or mailer."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from members import emails


@task(queue_name="email")
def send_sign_in_link(email: str, next_path: str = "", browser_hash: str = "") -> None:
    """Looks the address up here, not in the request, so the page answers the same either way.
    `browser_hash` (members.auth.browser_key) names the browser whose code form may use the code."""
    from members.models import Member
    from members.signin import token_issue

    member = Member.objects.filter(email=email.strip().lower()).first()
    if member is None:
        return
    issued = token_issue(member=member, next_path=next_path, browser_hash=browser_hash)
    emails.sign_in_mail(member=member, link=f"{settings.SITE_URL}/membership/sign-in/{issued.token}/", code=issued.code)


@task(queue_name="email")
def send_receipt(payment_id: int) -> None:
    """Once per payment: receipt_sent_at is claimed before sending."""
    from members.models import Payment

    with transaction.atomic():
        claimed = Payment.objects.filter(pk=payment_id, receipt_sent_at__isnull=True).update(
            receipt_sent_at=timezone.now()
        )
    if claimed:
        emails.receipt_mail(Payment.objects.select_related("member").get(pk=payment_id))


@task(queue_name="email")
def resend_receipt(payment_id: int) -> None:
    from members.models import Payment

    payment = Payment.objects.select_related("member").filter(pk=payment_id).first()
    if payment is not None:
        emails.receipt_mail(payment)


@task(queue_name="email")
def send_welcome(membership_id: int) -> None:
    from members.models import Membership

    membership = Membership.objects.select_related("member", "plan").filter(pk=membership_id).first()
    if membership is not None:
        emails.welcome_mail(membership)


@task(queue_name="email")
def send_past_due_notice(membership_id: int) -> None:
    from members.models import Membership

    membership = Membership.objects.select_related("member", "plan").filter(pk=membership_id).first()
    if membership is not None and membership.status == Membership.Status.PAST_DUE:
        emails.past_due_mail(membership)


@task(queue_name="email")
def send_yearly_summary(member_id: int, year: int) -> None:
    from members.models import Member
    from members.selectors import payments_in_year

    member = Member.objects.filter(pk=member_id).first()
    if member is not None:
        emails.yearly_summary_mail(member=member, year=year, payments=payments_in_year(member, year))


@task()
def refresh_lapsed_members() -> int:
    """Periodic when registered in PERIODIC_TASKS; the CMS members list also runs it on view."""
    from members.services import members_refresh_lapsed

    return members_refresh_lapsed()


@task()
def run_member_import(import_id: int) -> None:
    """A staff member's CSV upload (members.importing.member_import_run): enqueued on commit
    with the MemberImport id; a second delivery of the same id does nothing."""
    from members.importing import member_import_run

    member_import_run(import_id=import_id)


@task()
def recover_stuck_imports() -> int:
    """Every minute and when a worker starts: imports left Running by a worker that died are
    marked Failed with what to do next (members.importing.member_imports_recover)."""
    from members.importing import member_imports_recover

    return member_imports_recover()
