"""League places per week, and the closed weeks (part of the gamification repository)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import LeagueMemberRow, LeagueWeekRow
from db.upsert import insert_or_ignore, upsert
from domain.gamification.models import LeagueMember, LeagueOutcome, Telling


class SqlLeagueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def member(self, user_id: int, week: date) -> LeagueMember | None:
        row = await self._session.get(LeagueMemberRow, (week, user_id))
        return None if row is None else _to_member(row)

    async def last_member(self, user_id: int) -> LeagueMember | None:
        query = (
            select(LeagueMemberRow)
            .where(LeagueMemberRow.user_id == user_id)
            .order_by(LeagueMemberRow.week.desc())
            .limit(1)
        )
        row = await self._session.scalar(query)
        return None if row is None else _to_member(row)

    async def put_member(self, member: LeagueMember) -> None:
        values = {
            "week": member.week,
            "user_id": member.user_id,
            "tier": member.tier,
            "group_no": member.group_no,
            "joined_at": member.joined_at,
            "final_xp": member.final_xp,
            "rank": member.rank,
            "outcome": None if member.outcome is None else member.outcome.value,
            "told": None if member.told is None else member.told.value,
        }
        table = LeagueMemberRow.__table__
        await upsert(self._session, table, values, ["week", "user_id"])  # type: ignore[arg-type]

    async def group(self, week: date, tier: int, group_no: int) -> list[LeagueMember]:
        query = (
            select(LeagueMemberRow)
            .where(
                LeagueMemberRow.week == week,
                LeagueMemberRow.tier == tier,
                LeagueMemberRow.group_no == group_no,
            )
            .order_by(LeagueMemberRow.joined_at, LeagueMemberRow.user_id)
        )
        return [_to_member(row) for row in await self._session.scalars(query)]

    async def open_group(self, week: date, tier: int, size: int) -> int:
        count = func.count().label("members")
        query = (
            select(LeagueMemberRow.group_no, count)
            .where(LeagueMemberRow.week == week, LeagueMemberRow.tier == tier)
            .group_by(LeagueMemberRow.group_no)
        )
        groups = {group_no: int(n) for group_no, n in await self._session.execute(query)}
        open_ = sorted((n, group_no) for group_no, n in groups.items() if n < size)
        return open_[0][1] if open_ else max(groups, default=0) + 1

    async def week_members(self, week: date) -> list[LeagueMember]:
        query = select(LeagueMemberRow).where(LeagueMemberRow.week == week)
        rows = await self._session.scalars(query.order_by(LeagueMemberRow.user_id))
        return [_to_member(row) for row in rows]

    async def weeks_to_close(self, before: date) -> list[date]:
        closed = select(LeagueWeekRow.week)
        query = (
            select(LeagueMemberRow.week)
            .where(LeagueMemberRow.week < before, LeagueMemberRow.week.not_in(closed))
            .distinct()
            .order_by(LeagueMemberRow.week)
        )
        return list(await self._session.scalars(query))

    async def close_week(self, week: date, at: datetime) -> bool:
        table = LeagueWeekRow.__table__
        values = {"week": week, "closed_at": at}
        return await insert_or_ignore(self._session, table, values, ["week"])  # type: ignore[arg-type]

    async def untold(self, limit: int) -> list[LeagueMember]:
        query = (
            select(LeagueMemberRow)
            .where(LeagueMemberRow.told == Telling.PENDING.value)
            .order_by(LeagueMemberRow.week, LeagueMemberRow.user_id)
            .limit(limit)
        )
        return [_to_member(row) for row in await self._session.scalars(query)]

    async def claim_telling(self, week: date, user_id: int) -> bool:
        statement = (
            update(LeagueMemberRow)
            .where(
                LeagueMemberRow.week == week,
                LeagueMemberRow.user_id == user_id,
                LeagueMemberRow.told == Telling.PENDING.value,
            )
            .values(told=Telling.CLAIMED.value)
        )
        return bool((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def finish_telling(self, week: date, user_id: int, state: Telling) -> None:
        statement = (
            update(LeagueMemberRow)
            .where(LeagueMemberRow.week == week, LeagueMemberRow.user_id == user_id)
            .values(told=state.value)
        )
        await self._session.execute(statement)


def _to_member(row: LeagueMemberRow) -> LeagueMember:
    return LeagueMember(
        week=row.week,
        user_id=row.user_id,
        tier=row.tier,
        group_no=row.group_no,
        joined_at=row.joined_at,
        final_xp=row.final_xp,
        rank=row.rank,
        outcome=None if row.outcome is None else LeagueOutcome(row.outcome),
        told=None if row.told is None else Telling(row.told),
    )
