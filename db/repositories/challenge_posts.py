"""The challenge posts (start, reminder, end) and the leaderboard edit marks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import ChallengePostRow, ChallengeRow
from db.upsert import insert_or_ignore
from domain.challenges.models import ChallengeState, PostKind, PostState

C, P = ChallengeRow, ChallengePostRow
OPEN = ChallengeState.OPEN.value


class SqlChallengePosts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def due_posts(self, kind: PostKind, now: datetime, limit: int) -> list[int]:
        posted = exists().where(P.challenge_id == C.id, P.kind == kind.value)
        moment = {PostKind.START: C.starts_at, PostKind.REMINDER: C.reminder_at}.get(
            kind, C.ends_at
        )
        query = select(C.id).where(C.state == OPEN, moment <= now, ~posted)
        if kind is not PostKind.END:
            query = query.where(C.ends_at > now)
        query = query.order_by(moment, C.id).limit(limit)
        return list(await self._session.scalars(query.with_for_update(of=C, skip_locked=True)))

    async def claim_post(
        self, challenge_id: int, kind: PostKind, at: datetime, stale_before: datetime
    ) -> bool:
        values = {
            "challenge_id": challenge_id,
            "kind": kind.value,
            "state": PostState.CLAIMED.value,
            "claimed_at": at,
            "updated_at": at,
        }
        if await insert_or_ignore(self._session, P.__table__, values, ["challenge_id", "kind"]):  # type: ignore[arg-type]
            return True
        retaken = await self._session.execute(
            update(P)
            .where(
                P.challenge_id == challenge_id,
                P.kind == kind.value,
                P.state == PostState.CLAIMED.value,
                P.claimed_at < stale_before,
            )
            .values(claimed_at=at, updated_at=at)
        )
        return bool(retaken.rowcount)  # type: ignore[attr-defined]

    async def stale_claims(self, kind: PostKind, stale_before: datetime) -> list[int]:
        query = select(P.challenge_id).where(
            P.kind == kind.value, P.state == PostState.CLAIMED.value, P.claimed_at < stale_before
        )
        return list(await self._session.scalars(query.order_by(P.challenge_id)))

    async def mark_post(
        self, challenge_id: int, kind: PostKind, state: PostState, at: datetime
    ) -> bool:
        query = update(P).where(P.challenge_id == challenge_id, P.kind == kind.value)
        if state is PostState.SENDING:
            query = query.where(P.state == PostState.CLAIMED.value)
        result = await self._session.execute(query.values(state=state.value, updated_at=at))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def lost_posts(self, stale_before: datetime) -> int:
        result = await self._session.execute(
            update(P)
            .where(P.state == PostState.SENDING.value, P.updated_at < stale_before)
            .values(state=PostState.UNKNOWN.value)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def post_state(self, challenge_id: int, kind: PostKind) -> PostState | None:
        state = await self._session.scalar(
            select(P.state).where(P.challenge_id == challenge_id, P.kind == kind.value)
        )
        return None if state is None else PostState(state)

    async def mark_dirty(self, challenge_id: int, at: datetime) -> None:
        await self._session.execute(
            update(C).where(C.id == challenge_id).values(board_dirty_at=at)
        )

    async def dirty(self, edited_before: datetime, limit: int) -> list[int]:
        query = (
            select(C.id)
            .where(
                C.state == OPEN,
                C.message_id.is_not(None),
                C.board_dirty_at.is_not(None),
                or_(C.board_edited_at.is_(None), C.board_edited_at <= edited_before),
            )
            .order_by(C.board_dirty_at)
            .limit(limit)
        )
        return list(await self._session.scalars(query))

    async def board_edited(self, challenge_id: int, at: datetime, seen: datetime) -> None:
        await self._session.execute(
            update(C).where(C.id == challenge_id).values(board_edited_at=at)
        )
        await self._session.execute(
            update(C)
            .where(and_(C.id == challenge_id, C.board_dirty_at <= seen))
            .values(board_dirty_at=None)
        )
