"""The admin console's queries: counts at a glance, the weekly series, the user search."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audience import active_since
from db.repositories.users import user_of
from db.tables import (
    PromoRedemptionRow,
    ReferralRow,
    UserBanRow,
    UserRow,
    WorkoutRow,
)
from domain.campaigns.stats import AdminStats, SourceCount, WeekCount
from domain.users.models import User
from domain.workouts.models import WorkoutSource

_LOGGED = (WorkoutSource.TEXT.value, WorkoutSource.GUIDED.value)
TOP_SOURCES = 6


async def _count(session: AsyncSession, query: Select[Any]) -> int:
    return int(await session.scalar(query) or 0)


def _users(*where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).select_from(UserRow).where(*where)


def _workouts(*sources: str) -> Select[Any]:
    return select(func.count()).select_from(WorkoutRow).where(WorkoutRow.source.in_(sources))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def weekly(session: AsyncSession, now: datetime, weeks: int) -> tuple[WeekCount, ...]:
    """New and active athletes per UTC week, the oldest week first, this week last."""
    first = monday(now.date()) - timedelta(weeks=weeks - 1)
    series = []
    for index in range(weeks):
        start = datetime.combine(first + timedelta(weeks=index), time(), UTC)
        end = start + timedelta(weeks=1)
        new = await _count(session, _users(UserRow.created_at >= start, UserRow.created_at < end))
        active = await _count(session, _users(active_since(start, end)))
        series.append(WeekCount(start.date(), new, active))
    return tuple(series)


async def sources(session: AsyncSession) -> tuple[SourceCount, ...]:
    """The deep links athletes came by (first touch), the most used first."""
    logged = func.count(distinct(WorkoutRow.user_id))
    query = (
        select(UserRow.start_link, func.count(distinct(UserRow.id)), logged)
        .outerjoin(WorkoutRow, WorkoutRow.user_id == UserRow.id)
        .where(UserRow.start_link.is_not(None))
        .group_by(UserRow.start_link)
        .order_by(func.count(distinct(UserRow.id)).desc(), UserRow.start_link)
        .limit(TOP_SOURCES)
    )
    return tuple(
        SourceCount(str(link), int(users), int(with_workouts))
        for link, users, with_workouts in await session.execute(query)
    )


async def stats(session: AsyncSession, now: datetime, weeks: int) -> AdminStats:
    banned = select(func.count()).select_from(UserBanRow)
    devices = select(func.count(distinct(WorkoutRow.user_id))).where(
        WorkoutRow.source == WorkoutSource.DEVICE.value
    )
    rewarded = (
        select(func.count()).select_from(ReferralRow).where(ReferralRow.rewarded_at.is_not(None))
    )
    return AdminStats(
        users=await _count(session, _users()),
        active_7d=await _count(session, _users(active_since(now - timedelta(days=7)))),
        active_30d=await _count(session, _users(active_since(now - timedelta(days=30)))),
        new_7d=await _count(session, _users(UserRow.created_at >= now - timedelta(days=7))),
        workouts_logged=await _count(session, _workouts(*_LOGGED)),
        workouts_imported=await _count(session, _workouts(WorkoutSource.FILE.value)),
        devices=await _count(session, devices),
        blocked=await _count(session, _users(UserRow.bot_blocked_at.is_not(None))),
        banned=await _count(session, banned),
        redemptions=await _count(session, select(func.count()).select_from(PromoRedemptionRow)),
        referrals_rewarded=await _count(session, rewarded),
        weeks=await weekly(session, now, weeks),
        sources=await sources(session),
    )


async def find_users(
    session: AsyncSession, query: str, offset: int, limit: int
) -> tuple[list[User], int]:
    if query.isdigit():
        condition: ColumnElement[bool] = UserRow.id == int(query)
    elif query.startswith("@"):
        condition = func.lower(UserRow.username) == query[1:].lower()
    else:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        # SQLite's LIKE folds only ASCII: a Cyrillic name is also matched as typed.
        condition = or_(
            UserRow.first_name.ilike(pattern, escape="\\"),
            UserRow.first_name.like(pattern, escape="\\"),
        )
    total = await _count(session, _users(condition))
    rows = await session.scalars(
        select(UserRow).where(condition).order_by(UserRow.id).offset(offset).limit(limit)
    )
    return [user_of(row) for row in rows], total
