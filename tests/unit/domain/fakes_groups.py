"""An in-memory GroupRepository for fast service tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Protocol

from domain.groups.geo import cell_of, cells_within
from domain.groups.models import (
    REMINDER_LEAD,
    Attendee,
    EventDraft,
    Group,
    GroupDraft,
    GroupEvent,
    Membership,
    RsvpAnswer,
    RsvpCounts,
)
from domain.groups.ports import Volume
from domain.groups.search import SearchFilters
from domain.users.models import User
from domain.workouts.models import Workout


class _Users(Protocol):
    async def get(self, user_id: int) -> User | None: ...


class _Workouts(Protocol):
    rows: dict[int, Workout]


class FakeGroupRepository:
    def __init__(self, users: _Users, workouts: _Workouts) -> None:
        self._users = users
        self._workouts = workouts
        self.groups: dict[int, Group] = {}
        self.memberships: dict[tuple[int, int], Membership] = {}
        self.events: dict[int, GroupEvent] = {}
        self.due: dict[int, datetime | None] = {}
        self.follow: dict[int, datetime | None] = {}
        self.rsvps: dict[tuple[int, int], tuple[RsvpAnswer, int | None]] = {}

    async def add(self, draft: GroupDraft, code: str, created_by: int, at: datetime) -> Group:
        group_id = len(self.groups) + 1
        fields = {name: getattr(draft, name) for name in GroupDraft.__dataclass_fields__}
        self.groups[group_id] = Group(
            id=group_id, code=code, created_by=created_by, created_at=at, **fields
        )
        return self.groups[group_id]

    async def get(self, group_id: int) -> Group | None:
        group = self.groups.get(group_id)
        if group is None:
            return None
        count = sum(m.group_id == group_id and m.is_active for m in self.memberships.values())
        return replace(group, member_count=count)

    async def by_code(self, code: str) -> Group | None:
        found = [g for g in self.groups.values() if g.code == code]
        return await self.get(found[0].id) if found else None

    async def by_chat(self, chat_id: int) -> Group | None:
        found = [g for g in self.groups.values() if g.chat_id == chat_id]
        return await self.get(found[0].id) if found else None

    async def save(self, group: Group) -> None:
        self.groups[group.id] = group

    async def search(self, filters: SearchFilters, limit: int) -> list[Group]:
        cells = None
        if filters.origin is not None and filters.radius_km is not None:
            cells = set(cells_within(filters.origin, filters.radius_km))
        found = []
        for group_id in sorted(self.groups):
            group = await self.get(group_id)
            assert group is not None
            if filters.sport not in group.sports:
                continue
            if cells is not None and (
                group.location is None or cell_of(group.location) not in cells
            ):
                continue
            if filters.level is not None and not group.fits_level(filters.level):
                continue
            if filters.days and not group.days & filters.days:
                continue
            text = f"{group.name} {group.description}".casefold()
            if filters.text and filters.text not in text:
                continue
            found.append(group)
        found.sort(key=lambda g: (-g.member_count, g.id))
        return found[:limit]

    async def membership(self, group_id: int, user_id: int) -> Membership | None:
        return self.memberships.get((group_id, user_id))

    async def put_membership(self, membership: Membership) -> None:
        self.memberships[(membership.group_id, membership.user_id)] = membership

    async def remove_membership(self, group_id: int, user_id: int) -> None:
        self.memberships.pop((group_id, user_id), None)

    async def members(self, group_id: int) -> list[Membership]:
        found = [m for m in self.memberships.values() if m.group_id == group_id and m.is_active]
        return sorted(found, key=lambda m: (not m.is_organizer, m.joined_at))

    async def of_user(self, user_id: int) -> list[tuple[Group, Membership]]:
        mine = []
        for (group_id, member), membership in self.memberships.items():
            group = await self.get(group_id)
            if member == user_id and group is not None:
                mine.append((group, membership))
        return mine

    async def volume(self, group_id: int, since: datetime) -> Volume:
        members = {m.user_id for m in await self.members(group_id)}
        rows = [
            w for w in self._workouts.rows.values()
            if w.user_id in members and w.started_at >= since
        ]  # fmt: skip
        return Volume(
            len(rows),
            sum(w.duration_s or 0 for w in rows),
            sum(w.distance_m or 0.0 for w in rows),
            len({w.user_id for w in rows}),
        )

    async def add_event(
        self, group_id: int, draft: EventDraft, created_by: int, at: datetime
    ) -> GroupEvent:
        event = GroupEvent(len(self.events) + 1, group_id, draft, created_by, at)
        self.events[event.id] = event
        self.due[event.id] = draft.starts_at - REMINDER_LEAD
        self.follow[event.id] = event.ends_at
        return event

    async def event(self, event_id: int) -> GroupEvent | None:
        return self.events.get(event_id)

    async def save_event(self, event: GroupEvent) -> None:
        self.events[event.id] = event

    async def upcoming(self, group_id: int, now: datetime, limit: int) -> list[GroupEvent]:
        found = [e for e in self.events.values() if e.group_id == group_id and e.starts_at > now]
        return sorted(found, key=lambda e: e.starts_at)[:limit]

    async def put_rsvp(
        self, event_id: int, user_id: int, answer: RsvpAnswer, at: datetime
    ) -> None:
        _, workout = self.rsvps.get((event_id, user_id), (answer, None))
        self.rsvps[(event_id, user_id)] = (answer, workout)

    async def rsvp(self, event_id: int, user_id: int) -> RsvpAnswer | None:
        found = self.rsvps.get((event_id, user_id))
        return None if found is None else found[0]

    async def counts(self, event_id: int) -> RsvpCounts:
        answers = [a for (e, _), (a, _) in self.rsvps.items() if e == event_id]
        return RsvpCounts(
            answers.count(RsvpAnswer.GOING),
            answers.count(RsvpAnswer.MAYBE),
            answers.count(RsvpAnswer.NO),
        )

    async def attendees(self, event_id: int) -> list[Attendee]:
        found = []
        for (event, user_id), (answer, workout) in self.rsvps.items():
            user = await self._users.get(user_id)
            if event == event_id and user is not None:
                found.append(Attendee(user_id, user.first_name, answer, workout))
        return found

    async def set_attended(self, event_id: int, user_id: int, workout_id: int) -> bool:
        found = self.rsvps.get((event_id, user_id))
        if found is None or found[1] is not None:
            return False
        self.rsvps[(event_id, user_id)] = (found[0], workout_id)
        return True

    async def claim_reminders(self, now: datetime, limit: int) -> list[int]:
        ids = [i for i, at in self.due.items() if at is not None and at <= now][:limit]
        for event_id in ids:
            self.due[event_id] = None
        return [i for i in ids if self.events[i].starts_at > now]

    async def claim_followups(self, now: datetime, limit: int) -> list[int]:
        ids = [i for i, at in self.follow.items() if at is not None and at <= now][:limit]
        for event_id in ids:
            self.follow[event_id] = None
        return ids
