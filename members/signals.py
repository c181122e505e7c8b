"""What members tells other apps (gifts, drives, newsletters). Sent inside the transaction that
made the change; receivers that do slow work should enqueue a task with transaction.on_commit.

- membership_started(membership_id: int): a membership gave access for the first time (a new
  paid, complimentary or imported member). Drives count these.
- payment_succeeded(payment_id: int): money arrived (first payment, renewal or donation).
- member_deleting(member_id: int, email: str): about to delete this member's data; remove yours.
"""

from django.dispatch import Signal

membership_started = Signal()
payment_succeeded = Signal()
member_deleting = Signal()
