"""The notifications log: one row per athlete, kind and local day, and the due selection."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import NotificationRow, UserRow
from db.upsert import insert_or_ignore
from domain.notifications.models import MAX_ATTEMPTS, Notice, NoticeKind, NoticeState

_KEYS = ("user_id", "kind", "local_date")
_MOMENTS = {
    NoticeKind.REMINDER: UserRow.next_reminder_at,
    NoticeKind.DIGEST: UserRow.next_digest_at,
    NoticeKind.CHECKIN: UserRow.next_checkin_at,
}


class SqlNotificationLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def due(self, kind: NoticeKind, now: datetime, limit: int) -> list[int]:
        moment = _MOMENTS[kind]
        query = (
            select(UserRow.id)
            .where(moment <= now, UserRow.bot_blocked_at.is_(None))
            .order_by(moment)
            .limit(limit)
            .with_for_update(
                skip_locked=True
            )  # SQLite has no row locks: BEGIN IMMEDIATE serializes
        )
        return list(await self._session.scalars(query))

    async def claim(self, user_id: int, kind: NoticeKind, local_date: date, at: datetime) -> bool:
        values = {
            "user_id": user_id,
            "kind": kind.value,
            "local_date": local_date,
            "state": NoticeState.CLAIMED.value,
            "at": at,
            "attempts": 1,
        }
        table = NotificationRow.__table__
        if await insert_or_ignore(self._session, table, values, _KEYS):  # type: ignore[arg-type]
            return True
        retry = (
            update(NotificationRow)
            .where(
                self._key(user_id, kind, local_date),
                NotificationRow.state == NoticeState.FAILED.value,
                NotificationRow.attempts < MAX_ATTEMPTS,
            )
            .values(state=NoticeState.CLAIMED.value, at=at, attempts=NotificationRow.attempts + 1)
        )
        return bool((await self._session.execute(retry)).rowcount)  # type: ignore[attr-defined]

    async def finish(
        self, user_id: int, kind: NoticeKind, local_date: date, state: NoticeState, at: datetime
    ) -> None:
        # What the unit of work changed before (the athlete's row) is written first: rows are
        # locked in the order a claim locks them, users before notices.
        await self._session.flush()
        statement = (
            update(NotificationRow)
            .where(self._key(user_id, kind, local_date))
            .values(state=state.value, at=at)
        )
        await self._session.execute(statement)

    async def of_user(self, user_id: int) -> list[Notice]:
        query = (
            select(NotificationRow)
            .where(NotificationRow.user_id == user_id)
            .order_by(NotificationRow.local_date, NotificationRow.kind)
        )
        return [
            Notice(
                NoticeKind(row.kind), row.local_date, NoticeState(row.state), row.at, row.attempts
            )
            for row in await self._session.scalars(query)
        ]

    @staticmethod
    def _key(user_id: int, kind: NoticeKind, local_date: date) -> ColumnElement[bool]:
        return and_(
            NotificationRow.user_id == user_id,
            NotificationRow.kind == kind.value,
            NotificationRow.local_date == local_date,
        )
