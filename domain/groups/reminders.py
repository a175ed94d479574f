"""Reminders an hour before an event and the attendance question after it: claimed once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from domain.clock import Clock
from domain.groups.models import Group, GroupEvent, RsvpAnswer, RsvpCounts
from domain.groups.ports import EventNotifier
from domain.groups.schedule import next_occurrence
from domain.notifications.models import DeliveryOutcome
from domain.ports import UnitOfWork
from domain.users.models import User

logger = logging.getLogger(__name__)

BATCH = 50


@dataclass(frozen=True, slots=True)
class Claimed:
    """Events claimed in one transaction, and the next occurrences it created."""

    event_ids: tuple[int, ...]
    created_ids: tuple[int, ...] = ()


class EventReminderService:
    def __init__(self, uow: UnitOfWork, clock: Clock, notifier: EventNotifier) -> None:
        self._uow = uow
        self._clock = clock
        self._notifier = notifier

    async def claim_reminders(self, limit: int = BATCH) -> Claimed:
        """Claim the due reminders; a recurring event gets its next occurrence in the same
        transaction, so a restart or a second scheduler never creates it twice."""
        now = self._clock()
        async with self._uow:
            ids = await self._uow.groups.claim_reminders(now, limit)
            created = []
            for event_id in ids:
                event = await self._uow.groups.event(event_id)
                if event is not None and event.draft.recurring:
                    created.append(await self._next(event))
            await self._uow.commit()
        return Claimed(tuple(ids), tuple(created))

    async def _next(self, event: GroupEvent) -> int:
        group = await self._uow.groups.get(event.group_id)
        timezone = group.timezone if group is not None else "UTC"
        slots = group.slots if group is not None else ()
        starts = next_occurrence(event.starts_at, slots, timezone)
        draft = replace(event.draft, starts_at=starts)
        now = self._clock()
        created = await self._uow.groups.add_event(event.group_id, draft, event.created_by, now)
        return created.id

    async def remind(self, event_id: int) -> int:
        """Tell every active member who did not say no; the claim was the commitment."""
        recipients = await self._recipients(event_id, {RsvpAnswer.GOING, RsvpAnswer.MAYBE, None})
        sent = 0
        for user, event, group in recipients:
            if await self._notifier.remind(user, event, group) is DeliveryOutcome.SENT:
                sent += 1
        return sent

    async def claim_followups(self, limit: int = BATCH) -> list[int]:
        """Claim the events that ended and were not followed up."""
        async with self._uow:
            ids = await self._uow.groups.claim_followups(self._clock(), limit)
            await self._uow.commit()
        return ids

    async def follow_up(self, event_id: int) -> int:
        """Ask those who said going or maybe to confirm they came, in one tap."""
        recipients = await self._recipients(event_id, {RsvpAnswer.GOING, RsvpAnswer.MAYBE})
        asked = 0
        for user, event, group in recipients:
            if await self._notifier.ask_attendance(user, event, group) is DeliveryOutcome.SENT:
                asked += 1
        return asked

    async def post(self, event_id: int) -> None:
        """Post a created occurrence in the group's chat and remember the post."""
        async with self._uow:
            event = await self._uow.groups.event(event_id)
            group = None if event is None else await self._uow.groups.get(event.group_id)
        if event is None or group is None or group.chat_id is None:
            return
        message_id = await self._notifier.post(group, event, await self._counts(event_id))
        if message_id is None:
            return
        async with self._uow:
            current = await self._uow.groups.event(event_id)
            if current is not None:
                await self._uow.groups.save_event(replace(current, chat_message_id=message_id))
                await self._uow.commit()

    async def _counts(self, event_id: int) -> RsvpCounts:
        async with self._uow:
            return await self._uow.groups.counts(event_id)

    async def _recipients(
        self, event_id: int, answers: set[RsvpAnswer | None]
    ) -> list[tuple[User, GroupEvent, Group]]:
        async with self._uow:
            event = await self._uow.groups.event(event_id)
            group = None if event is None else await self._uow.groups.get(event.group_id)
            if event is None or group is None:
                return []
            chosen = []
            for member in await self._uow.groups.members(group.id):
                answer = await self._uow.groups.rsvp(event_id, member.user_id)
                user = await self._uow.users.get(member.user_id)
                if answer in answers and user is not None and user.bot_blocked_at is None:
                    chosen.append((user, event, group))
            return chosen
