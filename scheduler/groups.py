"""Group-event jobs: reminders an hour before, the attendance question after the end."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.clock import Clock
from domain.groups.ports import EventNotifier
from domain.groups.reminders import EventReminderService
from domain.ports import UnitOfWork

logger = logging.getLogger(__name__)


async def send_event_reminders(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: EventNotifier
) -> int:
    """Claim the due event reminders, then send each event's (and post the next
    occurrences of recurring ones) in their own units of work."""
    claimed = await EventReminderService(uow_factory(), clock, notifier).claim_reminders()
    sent = 0
    for event_id in claimed.event_ids:
        try:
            sent += await EventReminderService(uow_factory(), clock, notifier).remind(event_id)
        except Exception:
            # One event's failure must not hold back the others; its claim stays: no double.
            logger.exception("reminders of event %s failed", event_id)
    for event_id in claimed.created_ids:
        try:
            await EventReminderService(uow_factory(), clock, notifier).post(event_id)
        except Exception:
            logger.exception("posting event %s failed", event_id)
    if claimed.event_ids:
        logger.info("event reminders: %d events, %d sent", len(claimed.event_ids), sent)
    return sent


async def ask_event_attendance(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: EventNotifier
) -> int:
    """Claim the events that ended, then ask their attendees to confirm in one tap."""
    ids = await EventReminderService(uow_factory(), clock, notifier).claim_followups()
    asked = 0
    for event_id in ids:
        try:
            asked += await EventReminderService(uow_factory(), clock, notifier).follow_up(event_id)
        except Exception:
            logger.exception("attendance question of event %s failed", event_id)
    return asked
