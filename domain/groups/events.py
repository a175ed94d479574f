"""Group events: created by an organizer, answered by members, reminded, attended."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.groups.errors import AttendanceError, EventFullError, NotMemberError, NotOrganizerError
from domain.groups.ics import event_ics
from domain.groups.models import (
    Attendee,
    EventDraft,
    Group,
    GroupEvent,
    MemberRole,
    Membership,
    MemberState,
    RsvpAnswer,
    RsvpCounts,
)
from domain.groups.parsing import MAX_AHEAD, parse_when
from domain.groups.ports import Achievements
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.models import WorkoutDraft, WorkoutSource
from domain.workouts.service import Logged, WorkoutService
from domain.workouts.validation import check_draft

ICS_HOST = "coachbot"


@dataclass(frozen=True, slots=True)
class EventView:
    event: GroupEvent
    group: Group
    counts: RsvpCounts
    answer: RsvpAnswer | None = None


class EventService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        workouts: WorkoutService,
        achievements: Achievements | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._workouts = workouts
        self._achievements = achievements

    async def create(self, user_id: int, group_id: int, draft: EventDraft) -> EventView:
        """An organizer's event, ahead within a year; reminders fall due an hour before."""
        now = self._clock()
        if not now < draft.starts_at <= now + MAX_AHEAD:
            raise InvalidValueError("event_when", "not_ahead")
        async with self._uow:
            group = await self._group(group_id)
            membership = await self._uow.groups.membership(group_id, user_id)
            if membership is None or not membership.is_organizer:
                raise NotOrganizerError()
            event = await self._uow.groups.add_event(group_id, draft, user_id, now)
            await self._uow.commit()
            return EventView(event, group, RsvpCounts())

    def when(self, text: str, timezone: str) -> datetime:
        """An event's start typed in the group's zone, ahead of now (domain/groups/parsing)."""
        return parse_when(text, timezone, self._clock())

    async def posted(self, event_id: int, message_id: int) -> None:
        """Remember the chat post, so that answers update its count."""
        async with self._uow:
            event = await self._event(event_id)
            await self._uow.groups.save_event(replace(event, chat_message_id=message_id))
            await self._uow.commit()

    async def view(self, user_id: int, event_id: int) -> EventView:
        """The event, its counts and the athlete's own answer."""
        async with self._uow:
            event = await self._event(event_id)
            group = await self._group(event.group_id)
            counts = await self._uow.groups.counts(event_id)
            return EventView(event, group, counts, await self._uow.groups.rsvp(event_id, user_id))

    async def answer(
        self, user: User, event_id: int, answer: RsvpAnswer, chat_id: int | None = None
    ) -> EventView:
        """Record going / maybe / no; "going" only while there is room. An answer from the
        group's own chat makes the athlete a member (the chat admitted them), room permitting."""
        now = self._clock()
        async with self._uow:
            event = await self._event(event_id)
            group = await self._group(event.group_id)
            if event.starts_at <= now:
                raise AttendanceError(what="started")
            await self._ensure_member(user, group, chat_id)
            counts = await self._uow.groups.counts(event_id)
            previous = await self._uow.groups.rsvp(event_id, user.id)
            capacity = event.draft.capacity
            joining = answer is RsvpAnswer.GOING and previous is not RsvpAnswer.GOING
            if joining and capacity is not None and counts.going >= capacity:
                raise EventFullError(capacity=capacity)
            await self._uow.groups.put_rsvp(event_id, user.id, answer, now)
            counts = await self._uow.groups.counts(event_id)
            await self._uow.commit()
            return EventView(event, group, counts, answer)

    async def _ensure_member(self, user: User, group: Group, chat_id: int | None) -> None:
        membership = await self._uow.groups.membership(group.id, user.id)
        if membership is not None and membership.is_active:
            return
        if chat_id is None or chat_id != group.chat_id:
            raise NotMemberError()
        if group.is_full:
            raise NotMemberError()
        joined = Membership(
            group.id, user.id, MemberRole.MEMBER, MemberState.ACTIVE, self._clock()
        )
        await self._uow.groups.put_membership(joined)

    async def calendar(self, user_id: int, event_id: int, title: str) -> bytes:
        """The event as an .ics file, for its members."""
        async with self._uow:
            event = await self._event(event_id)
            group = await self._group(event.group_id)
            membership = await self._uow.groups.membership(group.id, user_id)
            if membership is None or not membership.is_active:
                raise NotMemberError()
        return event_ics(event, group, title, self._clock(), ICS_HOST)

    async def confirm(self, user: User, event_id: int) -> Logged:
        """After it started, an athlete who said going or maybe logs the event as a workout,
        once: the workout and the attendance are stored in one transaction."""
        now = self._clock()
        async with self._uow:
            event = await self._event(event_id)
            if now < event.starts_at:
                raise AttendanceError(what="not_started")
            if await self._uow.groups.rsvp(event_id, user.id) not in {
                RsvpAnswer.GOING,
                RsvpAnswer.MAYBE,
            }:
                raise AttendanceError(what="not_going")
            draft = WorkoutDraft(
                activity=event.draft.sport,
                duration_s=int(event.duration.total_seconds()),
                distance_m=event.draft.distance_m,
                started_at=event.starts_at,
            )
            check_draft(draft)
            logged = await self._workouts.store_weighed(user, draft, WorkoutSource.GUIDED)
            if not await self._uow.groups.set_attended(event_id, user.id, logged.workout.id):
                raise AttendanceError(what="twice")
            # The workout's listeners ran before the attendance existed: count it now.
            if self._achievements is not None:
                said = await self._achievements.recheck(user)
                logged = replace(logged, announcements=(*logged.announcements, *said))
            await self._uow.commit()
            return logged

    async def attendance(self, user_id: int, event_id: int) -> tuple[EventView, list[Attendee]]:
        """For the group's organizers: who answered what, and who confirmed they came."""
        async with self._uow:
            event = await self._event(event_id)
            group = await self._group(event.group_id)
            membership = await self._uow.groups.membership(group.id, user_id)
            if membership is None or not membership.is_organizer:
                raise NotOrganizerError()
            counts = await self._uow.groups.counts(event_id)
            attendees = await self._uow.groups.attendees(event_id)
        return EventView(event, group, counts), attendees

    async def _event(self, event_id: int) -> GroupEvent:
        event = await self._uow.groups.event(event_id)
        if event is None:
            raise NotFoundError(what="event")
        return event

    async def _group(self, group_id: int) -> Group:
        group = await self._uow.groups.get(group_id)
        if group is None:
            raise NotFoundError(what="group")
        return group
