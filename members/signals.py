"""What members tells other apps (gifts, drives, newsletters). Sent inside the transaction that
made the change; receivers that do slow work should enqueue a task with transaction.on_commit.

- membership_started(membership_id: int): a membership gave access for the first time (a new
  paid, complimentary or imported member). Drives count these.
- payment_succeeded(payment_id: int): money arrived (first payment, renewal or donation).
- payment_refunded(payment_id: int, purpose: str, fully: bool): more of a payment went back
  (`fully`: all of it). Sent after the refund is recorded, once per larger amount seen, so a
  receiver never has to listen to payments' vendor signals in INSTALLED_APPS order.
- member_deleting(member_id: int, email: str): about to delete this member's data; remove yours.
"""

from django.dispatch import Signal

membership_started = Signal()
payment_succeeded = Signal()
payment_refunded = Signal()
member_deleting = Signal()
