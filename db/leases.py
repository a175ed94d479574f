"""A lease in the database: of several scheduler processes, one runs the jobs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.tables import SchedulerLeaseRow
from domain.clock import Clock


class SqlLease:
    """Held by one owner until it expires; the holder renews it on every tick.

    Taking it is one conditional UPDATE (or the first INSERT), atomic on SQLite and
    PostgreSQL alike, so two processes can never both believe they hold it.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        name: str,
        owner: str,
        ttl: timedelta,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._name = name
        self._owner = owner
        self._ttl = ttl
        self._clock = clock

    async def hold(self) -> bool:
        """Take or renew the lease; False while another owner's lease is still valid."""
        now = self._clock()
        async with self._sessions() as session:
            statement = (
                update(SchedulerLeaseRow)
                .where(
                    SchedulerLeaseRow.name == self._name,
                    or_(
                        SchedulerLeaseRow.owner == self._owner,
                        SchedulerLeaseRow.expires_at <= now,
                    ),
                )
                .values(owner=self._owner, expires_at=now + self._ttl)
            )
            taken = bool((await session.execute(statement)).rowcount)  # type: ignore[attr-defined]
            if not taken:
                session.add(
                    SchedulerLeaseRow(
                        name=self._name, owner=self._owner, expires_at=now + self._ttl
                    )
                )
                try:
                    await session.flush()
                except IntegrityError:
                    await session.rollback()
                    return False
            await session.commit()
            return True

    async def release(self) -> None:
        """Let another process take over at once (on a clean shutdown)."""
        async with self._sessions() as session:
            await session.execute(
                update(SchedulerLeaseRow)
                .where(
                    SchedulerLeaseRow.name == self._name, SchedulerLeaseRow.owner == self._owner
                )
                .values(expires_at=self._clock())
            )
            await session.commit()
