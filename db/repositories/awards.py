"""XP awards outside workouts, facts for the achievements, and challenge winners."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.leagues import _to_member
from db.tables import (
    ChallengeParticipantRow,
    ChallengeWinRow,
    GroupEventRsvpRow,
    LeagueMemberRow,
    XpAwardRow,
    XpLedgerRow,
)
from db.upsert import insert_or_ignore
from domain.gamification.models import LeagueMember, Telling, XpAward, XpEntry


class SqlAwardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_xp(self, user_id: int, award: XpAward) -> bool:
        values = {"user_id": user_id, "reason": award.reason, "amount": award.amount,
                  "awarded_at": award.awarded_at}  # fmt: skip
        table = XpAwardRow.__table__
        return await insert_or_ignore(self._session, table, values, ("user_id", "reason"))  # type: ignore[arg-type]

    async def xp_awarded(self, user_id: int) -> int:
        query = select(func.coalesce(func.sum(XpAwardRow.amount), 0)).where(
            XpAwardRow.user_id == user_id
        )
        return int(await self._session.scalar(query) or 0)

    async def xp_awards(self, user_id: int) -> list[XpAward]:
        query = select(XpAwardRow).where(XpAwardRow.user_id == user_id)
        rows = await self._session.scalars(query.order_by(XpAwardRow.awarded_at))
        return [XpAward(row.reason, row.amount, row.awarded_at) for row in rows]

    async def xp_entries(self, user_id: int) -> list[XpEntry]:
        query = select(XpLedgerRow).where(XpLedgerRow.user_id == user_id)
        rows = await self._session.scalars(query.order_by(XpLedgerRow.started_at))
        return [
            XpEntry(row.workout_id, row.user_id, row.local_day, row.started_at, row.raw_xp, row.xp)
            for row in rows
        ]

    async def workout_xp(self, workout_id: int) -> int:
        query = select(XpLedgerRow.xp).where(XpLedgerRow.workout_id == workout_id)
        return int(await self._session.scalar(query) or 0)

    async def leagues_of(self, user_id: int) -> list[LeagueMember]:
        query = select(LeagueMemberRow).where(LeagueMemberRow.user_id == user_id)
        rows = await self._session.scalars(query.order_by(LeagueMemberRow.week))
        return [_to_member(row) for row in rows]

    async def events_attended(self, user_id: int) -> int:
        query = select(func.count()).where(
            GroupEventRsvpRow.user_id == user_id, GroupEventRsvpRow.workout_id.is_not(None)
        )
        return int(await self._session.scalar(query) or 0)

    async def challenges_won(self, user_id: int) -> int:
        query = select(func.count()).where(ChallengeWinRow.user_id == user_id)
        return int(await self._session.scalar(query) or 0)

    async def reached(self, challenge_id: int, target: float) -> list[int]:
        query = select(ChallengeParticipantRow.user_id).where(
            ChallengeParticipantRow.challenge_id == challenge_id,
            ChallengeParticipantRow.total >= target,
        )
        return list(await self._session.scalars(query.order_by(ChallengeParticipantRow.user_id)))

    async def add_wins(self, challenge_id: int, user_ids: Collection[int], at: datetime) -> None:
        table = ChallengeWinRow.__table__
        for user_id in user_ids:
            values = {"challenge_id": challenge_id, "user_id": user_id, "won_at": at,
                      "told": Telling.PENDING.value}  # fmt: skip
            await insert_or_ignore(self._session, table, values, ("challenge_id", "user_id"))  # type: ignore[arg-type]

    async def pending_wins(self, limit: int) -> list[tuple[int, int]]:
        query = (
            select(ChallengeWinRow.challenge_id, ChallengeWinRow.user_id)
            .where(ChallengeWinRow.told == Telling.PENDING.value)
            .order_by(ChallengeWinRow.won_at, ChallengeWinRow.challenge_id)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def claim_win(self, challenge_id: int, user_id: int) -> bool:
        statement = (
            update(ChallengeWinRow)
            .where(
                ChallengeWinRow.challenge_id == challenge_id,
                ChallengeWinRow.user_id == user_id,
                ChallengeWinRow.told == Telling.PENDING.value,
            )
            .values(told=Telling.CLAIMED.value)
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def finish_win(self, challenge_id: int, user_id: int, state: Telling) -> None:
        statement = (
            update(ChallengeWinRow)
            .where(
                ChallengeWinRow.challenge_id == challenge_id, ChallengeWinRow.user_id == user_id
            )
            .values(told=state.value)
        )
        await self._session.execute(statement)
