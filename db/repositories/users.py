"""Athletes stored in the `users` table, mapped to the domain's User."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from enum import StrEnum
from functools import cache
from typing import TypeVar

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import UserRow
from domain.users.models import (
    CoarseLocation,
    Goal,
    Language,
    Level,
    Notifications,
    Profile,
    Sport,
    Units,
    User,
    Weekday,
)

E = TypeVar("E", bound=StrEnum)


def to_mask(members: Iterable[E], enum: type[E]) -> int:
    order = list(enum)
    return sum(1 << order.index(member) for member in members)


@cache
def from_mask(mask: int, enum: type[E]) -> frozenset[E]:
    """The members a mask holds; a mask has a few hundred values at most, so each is built
    once (partner search reads thousands of rows)."""
    return frozenset(member for index, member in enumerate(enum) if mask & (1 << index))


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> User | None:
        row = await self._session.get(UserRow, user_id, populate_existing=True)
        return None if row is None else _to_user(row)

    async def add(self, user: User) -> None:
        row = UserRow(id=user.id)
        _fill(row, user)
        self._session.add(row)

    async def save(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            await self.add(user)
            return
        _fill(row, user)

    async def delete(self, user_id: int) -> bool:
        result = await self._session.execute(delete(UserRow).where(UserRow.id == user_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _fill(row: UserRow, user: User) -> None:
    profile = user.profile
    row.first_name = user.first_name[:128]
    row.username = user.username
    row.language = user.language.value
    row.units = user.units.value
    row.timezone = user.timezone
    row.notify_reminders = user.notifications.reminders
    row.notify_digests = user.notifications.digests
    row.notify_promotions = user.notifications.promotions
    row.notify_checkins = user.notifications.checkins
    row.sports_mask = to_mask(profile.sports, Sport)
    row.days_mask = to_mask(profile.days, Weekday)
    row.level = profile.level.value if profile.level else None
    row.goal = profile.goal.value if profile.goal else None
    row.city = profile.city
    row.latitude = profile.location.latitude if profile.location else None
    row.longitude = profile.location.longitude if profile.location else None
    row.birth_year = profile.birth_year
    row.weight_kg = profile.weight_kg
    row.resting_hr = profile.resting_hr
    row.max_hr = profile.max_hr
    row.created_at = user.created_at
    row.onboarded_at = user.onboarded_at
    row.start_link = user.start_link
    row.reminder_minute = user.reminder_time.hour * 60 + user.reminder_time.minute
    row.next_reminder_at = user.next_reminder_at
    row.next_digest_at = user.next_digest_at
    row.next_checkin_at = user.next_checkin_at
    row.bot_blocked_at = user.bot_blocked_at


def _to_user(row: UserRow) -> User:
    location = None
    if row.latitude is not None and row.longitude is not None:
        location = CoarseLocation(latitude=row.latitude, longitude=row.longitude)
    return User(
        id=row.id,
        first_name=row.first_name,
        username=row.username,
        language=Language(row.language),
        units=Units(row.units),
        timezone=row.timezone,
        created_at=row.created_at,
        onboarded_at=row.onboarded_at,
        start_link=row.start_link,
        reminder_time=time(row.reminder_minute // 60, row.reminder_minute % 60),
        next_reminder_at=row.next_reminder_at,
        next_digest_at=row.next_digest_at,
        next_checkin_at=row.next_checkin_at,
        bot_blocked_at=row.bot_blocked_at,
        notifications=Notifications(
            reminders=row.notify_reminders,
            digests=row.notify_digests,
            checkins=row.notify_checkins,
            promotions=row.notify_promotions,
        ),
        profile=Profile(
            sports=from_mask(row.sports_mask, Sport),
            level=Level(row.level) if row.level else None,
            goal=Goal(row.goal) if row.goal else None,
            days=from_mask(row.days_mask, Weekday),
            city=row.city,
            location=location,
            birth_year=row.birth_year,
            weight_kg=row.weight_kg,
            resting_hr=row.resting_hr,
            max_hr=row.max_hr,
        ),
    )


def user_of(row: UserRow) -> User:
    """The domain's athlete of a loaded row (for repositories that search users)."""
    return _to_user(row)
