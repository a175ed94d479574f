"""What the notifications need from storage, from the messenger and from the planner."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from domain.notifications.models import (
    CheckInPromptContent,
    DeliveryOutcome,
    DigestContent,
    Notice,
    NoticeKind,
    NoticeState,
    ReminderContent,
)
from domain.users.models import User


class NotificationLog(Protocol):
    async def due(self, kind: NoticeKind, now: datetime, limit: int) -> list[int]:
        """Ids of athletes not blocking the bot whose next `kind` is at or before `now`,
        the earliest first; on PostgreSQL locked (SKIP LOCKED) until the transaction ends."""
        ...

    async def claim(self, user_id: int, kind: NoticeKind, local_date: date, at: datetime) -> bool:
        """Insert the row as claimed, or take a failed one with attempts left; False otherwise."""
        ...

    async def finish(
        self, user_id: int, kind: NoticeKind, local_date: date, state: NoticeState, at: datetime
    ) -> None: ...

    async def of_user(self, user_id: int) -> list[Notice]: ...


class Notifier(Protocol):
    """Sends a notification to the athlete's private chat, in their language."""

    async def send_reminder(self, user: User, content: ReminderContent) -> DeliveryOutcome: ...

    async def send_digest(self, user: User, content: DigestContent) -> DeliveryOutcome: ...

    async def send_checkin(self, user: User, content: CheckInPromptContent) -> DeliveryOutcome:
        """The day's check-in card with its one-tap answers."""
        ...


class NextWeekPlan(Protocol):
    async def lines(self, user: User, week_start: date) -> tuple[str, ...]:
        """The athlete's sessions for the week from `week_start`, one line each, in their
        language; empty when there is no plan."""
        ...
