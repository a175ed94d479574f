"""XP ledger, game profiles, streak notices and earned achievements (leagues: leagues.py)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.leagues import SqlLeagueRepository
from db.tables import (
    EarnedAchievementRow,
    GameNoticeRow,
    GameProfileRow,
    ImportedActivityRow,
    UserRow,
    XpLedgerRow,
)
from db.upsert import insert_or_ignore, upsert
from domain.gamification.models import Earned, GameProfile, NoticeKind, Telling, XpEntry


class SqlGamificationRepository(SqlLeagueRepository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._session = session

    async def day(self, user_id: int, local_day: date) -> list[XpEntry]:
        query = select(XpLedgerRow).where(
            XpLedgerRow.user_id == user_id, XpLedgerRow.local_day == local_day
        )
        return [
            XpEntry(row.workout_id, row.user_id, row.local_day, row.started_at, row.raw_xp, row.xp)
            for row in await self._session.scalars(query.order_by(XpLedgerRow.started_at))
        ]

    async def put(self, entry: XpEntry) -> None:
        values = {
            "workout_id": entry.workout_id,
            "user_id": entry.user_id,
            "local_day": entry.local_day,
            "started_at": entry.started_at,
            "raw_xp": entry.raw,
            "xp": entry.xp,
        }
        table = XpLedgerRow.__table__
        await upsert(self._session, table, values, ["workout_id"])  # type: ignore[arg-type]

    async def remove(self, workout_ids: Collection[int]) -> None:
        if workout_ids:
            ids = list(workout_ids)
            await self._session.execute(delete(XpLedgerRow).where(XpLedgerRow.workout_id.in_(ids)))

    async def total(self, user_id: int) -> int:
        query = select(func.coalesce(func.sum(XpLedgerRow.xp), 0)).where(
            XpLedgerRow.user_id == user_id
        )
        return int(await self._session.scalar(query) or 0)

    async def between(
        self, user_ids: Collection[int], start: datetime, end: datetime
    ) -> dict[int, int]:
        if not user_ids:
            return {}
        query = (
            select(XpLedgerRow.user_id, func.sum(XpLedgerRow.xp))
            .where(
                XpLedgerRow.user_id.in_(list(user_ids)),
                XpLedgerRow.started_at >= start,
                XpLedgerRow.started_at < end,
            )
            .group_by(XpLedgerRow.user_id)
        )
        return {user_id: int(xp or 0) for user_id, xp in await self._session.execute(query)}

    async def profile(self, user_id: int) -> GameProfile | None:
        row = await self._session.get(GameProfileRow, user_id)
        if row is None:
            return None
        return GameProfile(row.user_id, row.weekly_target, row.best_level, row.next_warning_at)

    async def save_profile(self, profile: GameProfile) -> None:
        values = {
            "user_id": profile.user_id,
            "weekly_target": profile.weekly_target,
            "best_level": profile.best_level,
            "next_warning_at": profile.next_warning_at,
        }
        table = GameProfileRow.__table__
        await upsert(self._session, table, values, ["user_id"])  # type: ignore[arg-type]

    async def due_warnings(self, now: datetime, limit: int) -> list[int]:
        query = (
            select(GameProfileRow.user_id)
            .join(UserRow, UserRow.id == GameProfileRow.user_id)
            .where(GameProfileRow.next_warning_at <= now, UserRow.bot_blocked_at.is_(None))
            .order_by(GameProfileRow.next_warning_at)
            .limit(limit)
            .with_for_update(of=GameProfileRow, skip_locked=True)
        )
        return list(await self._session.scalars(query))

    async def claim_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, at: datetime
    ) -> bool:
        values = {"user_id": user_id, "kind": kind.value, "local_date": local_date,
                  "state": Telling.CLAIMED.value, "at": at}  # fmt: skip
        table = GameNoticeRow.__table__
        keys = ("user_id", "kind", "local_date")
        return await insert_or_ignore(self._session, table, values, keys)  # type: ignore[arg-type]

    async def finish_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, state: Telling
    ) -> None:
        statement = (
            update(GameNoticeRow)
            .where(
                GameNoticeRow.user_id == user_id,
                GameNoticeRow.kind == kind.value,
                GameNoticeRow.local_date == local_date,
            )
            .values(state=state.value)
        )
        await self._session.execute(statement)

    async def earned(self, user_id: int) -> list[Earned]:
        query = (
            select(EarnedAchievementRow)
            .where(EarnedAchievementRow.user_id == user_id)
            .order_by(EarnedAchievementRow.earned_at, EarnedAchievementRow.achievement_id)
        )
        return [
            Earned(row.achievement_id, row.tier, row.earned_at, row.revoked_at)
            for row in await self._session.scalars(query)
        ]

    async def put_earned(self, user_id: int, earned: Earned) -> None:
        values = {
            "user_id": user_id,
            "achievement_id": earned.achievement_id,
            "tier": earned.tier,
            "earned_at": earned.earned_at,
            "revoked_at": earned.revoked_at,
        }
        table = EarnedAchievementRow.__table__
        keys = ["user_id", "achievement_id", "tier"]
        await upsert(self._session, table, values, keys)  # type: ignore[arg-type]

    async def elevations(self, user_id: int) -> dict[int, float]:
        query = select(ImportedActivityRow.workout_id, ImportedActivityRow.elevation_gain_m).where(
            ImportedActivityRow.user_id == user_id,
            ImportedActivityRow.elevation_gain_m.is_not(None),
        )
        rows = await self._session.execute(query)
        return {workout_id: float(gain or 0.0) for workout_id, gain in rows}

    async def first_names(self, user_ids: Collection[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        query = select(UserRow.id, UserRow.first_name).where(UserRow.id.in_(list(user_ids)))
        return {uid: str(name) for uid, name in await self._session.execute(query)}
