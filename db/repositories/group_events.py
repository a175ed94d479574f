"""Group events and the answers to them; reminders and follow-ups claimed by a row change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from db.tables import GroupEventRow, GroupEventRsvpRow, UserRow
from db.upsert import upsert
from domain.groups.models import (
    REMINDER_LEAD,
    Attendee,
    EventDraft,
    GroupEvent,
    MeetingPoint,
    RsvpAnswer,
    RsvpCounts,
)
from domain.workouts.models import Activity

E = GroupEventRow
R = GroupEventRsvpRow


class SqlGroupEvents:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_event(
        self, group_id: int, draft: EventDraft, created_by: int, at: datetime
    ) -> GroupEvent:
        row = E(group_id=group_id, created_by=created_by, created_at=at)
        _fill(row, draft)
        row.remind_at = draft.starts_at - REMINDER_LEAD
        self._session.add(row)
        await self._session.flush()
        return _to_event(row)

    async def event(self, event_id: int) -> GroupEvent | None:
        row = await self._session.get(E, event_id, populate_existing=True)
        return None if row is None else _to_event(row)

    async def save_event(self, event: GroupEvent) -> None:
        row = await self._session.get(E, event.id)
        if row is not None:
            _fill(row, event.draft)
            row.chat_message_id = event.chat_message_id
            await self._session.flush()

    async def upcoming(self, group_id: int, now: datetime, limit: int) -> list[GroupEvent]:
        query = (
            select(E)
            .where(E.group_id == group_id, E.starts_at > now)
            .order_by(E.starts_at)
            .limit(limit)
        )
        rows = await self._session.scalars(query.execution_options(populate_existing=True))
        return [_to_event(row) for row in rows]

    async def put_rsvp(
        self, event_id: int, user_id: int, answer: RsvpAnswer, at: datetime
    ) -> None:
        values = {
            "event_id": event_id,
            "user_id": user_id,
            "answer": answer.value,
            "answered_at": at,
        }
        await upsert(self._session, R.__table__, values, ["event_id", "user_id"])  # type: ignore[arg-type]

    async def rsvp(self, event_id: int, user_id: int) -> RsvpAnswer | None:
        query = select(R.answer).where(R.event_id == event_id, R.user_id == user_id)
        answer = await self._session.scalar(query)
        return None if answer is None else RsvpAnswer(answer)

    async def counts(self, event_id: int) -> RsvpCounts:
        query = select(R.answer, func.count()).where(R.event_id == event_id).group_by(R.answer)
        found = {answer: int(count) for answer, count in await self._session.execute(query)}
        return RsvpCounts(found.get("going", 0), found.get("maybe", 0), found.get("no", 0))

    async def attendees(self, event_id: int) -> list[Attendee]:
        query = (
            select(R.user_id, UserRow.first_name, R.answer, R.workout_id)
            .join(UserRow, UserRow.id == R.user_id)
            .where(R.event_id == event_id)
            .order_by(R.answer, UserRow.first_name)
        )
        return [
            Attendee(user_id, name, RsvpAnswer(answer), workout_id)
            for user_id, name, answer, workout_id in await self._session.execute(query)
        ]

    async def set_attended(self, event_id: int, user_id: int, workout_id: int) -> bool:
        result = await self._session.execute(
            update(R)
            .where(R.event_id == event_id, R.user_id == user_id, R.workout_id.is_(None))
            .values(workout_id=workout_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def claim_reminders(self, now: datetime, limit: int) -> list[int]:
        return await self._claim(E.remind_at, E.reminded_at, now, limit, E.starts_at > now)

    async def claim_followups(self, now: datetime, limit: int) -> list[int]:
        return await self._claim(E.follow_up_at, E.followed_up_at, now, limit, None)

    async def _claim(
        self,
        due: InstrumentedAttribute[datetime | None],
        done: InstrumentedAttribute[datetime | None],
        now: datetime,
        limit: int,
        extra: ColumnElement[bool] | None,
    ) -> list[int]:
        """Pick what is due through the index, then take it with a conditional update: a row
        another process took meanwhile no longer matches, so nothing is taken twice. What
        fell due but may not be sent any more (a started event) is cleared unsent."""
        query = (
            select(E.id)
            .where(due.is_not(None), due <= now)
            .order_by(due)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(await self._session.scalars(query))
        if not ids:
            return []
        taken = []
        for event_id in ids:
            condition = [E.id == event_id, due.is_not(None)]
            if extra is not None:
                condition.append(extra)
            result = await self._session.execute(
                update(E).where(*condition).values({due: None, done: now})
            )
            if result.rowcount:  # type: ignore[attr-defined]
                taken.append(event_id)
            else:
                await self._session.execute(update(E).where(E.id == event_id).values({due: None}))
        return taken


def _fill(row: GroupEventRow, draft: EventDraft) -> None:
    point = draft.meeting_point
    row.sport = draft.sport.value
    row.starts_at = draft.starts_at
    row.meeting_point = point.text
    row.latitude = point.latitude
    row.longitude = point.longitude
    row.precise = point.precise
    row.distance_m = draft.distance_m
    row.pace_min_s = None if draft.pace_s_per_km is None else draft.pace_s_per_km[0]
    row.pace_max_s = None if draft.pace_s_per_km is None else draft.pace_s_per_km[1]
    row.capacity = draft.capacity
    row.recurring = draft.recurring
    event = GroupEvent(0, 0, draft, 0, draft.starts_at)
    row.ends_at = event.ends_at
    if row.followed_up_at is None:
        row.follow_up_at = event.ends_at


def _to_event(row: GroupEventRow) -> GroupEvent:
    pace = None
    if row.pace_min_s is not None and row.pace_max_s is not None:
        pace = (row.pace_min_s, row.pace_max_s)
    point = MeetingPoint(row.meeting_point, row.latitude, row.longitude, row.precise)
    draft = EventDraft(
        sport=Activity(row.sport),
        starts_at=row.starts_at,
        meeting_point=point,
        distance_m=row.distance_m,
        pace_s_per_km=pace,
        capacity=row.capacity,
        recurring=row.recurring,
    )
    return GroupEvent(
        id=row.id,
        group_id=row.group_id,
        draft=draft,
        created_by=row.created_by,
        created_at=row.created_at,
        chat_message_id=row.chat_message_id,
        reminded_at=row.reminded_at,
        followed_up_at=row.followed_up_at,
    )
