"""A Notifier that records what it would have sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.notifications.models import (
    CheckInPromptContent,
    DeliveryOutcome,
    DigestContent,
    ReminderContent,
)
from domain.users.models import User


@dataclass
class FakeNotifier:
    outcome: DeliveryOutcome = DeliveryOutcome.SENT
    reminders: list[tuple[int, ReminderContent]] = field(default_factory=list)
    digests: list[tuple[int, DigestContent]] = field(default_factory=list)
    checkins: list[tuple[int, CheckInPromptContent]] = field(default_factory=list)

    async def send_reminder(self, user: User, content: ReminderContent) -> DeliveryOutcome:
        self.reminders.append((user.id, content))
        return self.outcome

    async def send_digest(self, user: User, content: DigestContent) -> DeliveryOutcome:
        self.digests.append((user.id, content))
        return self.outcome

    async def send_checkin(self, user: User, content: CheckInPromptContent) -> DeliveryOutcome:
        self.checkins.append((user.id, content))
        return self.outcome


@dataclass
class FixedPlan:
    asked: list[tuple[int, object]] = field(default_factory=list)

    async def lines(self, user: User, week_start: object) -> tuple[str, ...]:
        self.asked.append((user.id, week_start))
        return ("Mon: easy run 40 min", "Thu: intervals 6×800 m")
