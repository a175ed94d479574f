"""What groups and their events need from storage and from the messenger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.groups.models import (
    Attendee,
    EventDraft,
    Group,
    GroupDraft,
    GroupEvent,
    Membership,
    RsvpAnswer,
    RsvpCounts,
)
from domain.groups.search import SearchFilters
from domain.notifications.models import DeliveryOutcome
from domain.users.models import User
from domain.workouts.events import Announcement


@dataclass(frozen=True, slots=True)
class Volume:
    """What the active members logged in a period: workouts, seconds, metres, athletes."""

    workouts: int = 0
    duration_s: int = 0
    distance_m: float = 0.0
    athletes: int = 0


class GroupRepository(Protocol):
    async def add(self, draft: GroupDraft, code: str, created_by: int, at: datetime) -> Group: ...

    async def get(self, group_id: int) -> Group | None: ...

    async def by_code(self, code: str) -> Group | None: ...

    async def by_chat(self, chat_id: int) -> Group | None: ...

    async def save(self, group: Group) -> None: ...

    async def search(self, filters: SearchFilters, limit: int) -> list[Group]:
        """Groups of the sport in the cells around the origin (any cell without a radius),
        of the level, meeting on one of the days and holding the words when given; through
        indexes only, the most members first."""
        ...

    async def membership(self, group_id: int, user_id: int) -> Membership | None: ...

    async def put_membership(self, membership: Membership) -> None:
        """Insert or replace, and recount the group's active members."""
        ...

    async def remove_membership(self, group_id: int, user_id: int) -> None: ...

    async def members(self, group_id: int) -> list[Membership]:
        """Active members, organizers first."""
        ...

    async def of_user(self, user_id: int) -> list[tuple[Group, Membership]]: ...

    async def volume(self, group_id: int, since: datetime) -> Volume: ...

    async def add_event(
        self, group_id: int, draft: EventDraft, created_by: int, at: datetime
    ) -> GroupEvent: ...

    async def event(self, event_id: int) -> GroupEvent | None: ...

    async def save_event(self, event: GroupEvent) -> None: ...

    async def upcoming(self, group_id: int, now: datetime, limit: int) -> list[GroupEvent]: ...

    async def put_rsvp(
        self, event_id: int, user_id: int, answer: RsvpAnswer, at: datetime
    ) -> None: ...

    async def rsvp(self, event_id: int, user_id: int) -> RsvpAnswer | None: ...

    async def counts(self, event_id: int) -> RsvpCounts: ...

    async def attendees(self, event_id: int) -> list[Attendee]: ...

    async def set_attended(self, event_id: int, user_id: int, workout_id: int) -> bool:
        """Link the workout unless one is linked already; False then (once per attendee)."""
        ...

    async def claim_reminders(self, now: datetime, limit: int) -> list[int]:
        """Mark as reminded the events whose reminder is due and that have not started,
        and return their ids; on PostgreSQL rows another scheduler holds are skipped."""
        ...

    async def claim_followups(self, now: datetime, limit: int) -> list[int]:
        """Mark as followed up the events that ended and were not, and return their ids."""
        ...


class EventNotifier(Protocol):
    """Messages about group events outside any update, in each athlete's language."""

    async def remind(self, user: User, event: GroupEvent, group: Group) -> DeliveryOutcome: ...

    async def ask_attendance(
        self, user: User, event: GroupEvent, group: Group
    ) -> DeliveryOutcome: ...

    async def post(self, group: Group, event: GroupEvent, counts: RsvpCounts) -> int | None:
        """Post the event with its RSVP buttons in the group's chat; the message id."""
        ...


class Achievements(Protocol):
    async def recheck(self, user: User) -> Sequence[Announcement]:
        """Inside the caller's unit of work: the achievements newly unlocked."""
        ...
