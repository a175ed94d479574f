"""The unit of work: one AsyncSession per update, request or job."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import READ_ONLY
from db.repositories.admins import SqlAdminRepository
from db.repositories.awards import SqlAwardRepository
from db.repositories.campaigns import SqlCampaignRepository
from db.repositories.challenges import SqlChallengeRepository
from db.repositories.checkins import SqlCheckInRepository
from db.repositories.devices import SqlDeviceRepository
from db.repositories.gamification import SqlGamificationRepository
from db.repositories.groups import SqlGroupRepository
from db.repositories.growth import SqlGrowthRepository
from db.repositories.imports import SqlImportRepository
from db.repositories.live_tracks import SqlLiveTrackRepository
from db.repositories.notifications import SqlNotificationLog
from db.repositories.partners import SqlPartnerRepository
from db.repositories.plans import SqlPlanRepository
from db.repositories.records import SqlRecordRepository
from db.repositories.strength import SqlStrengthRepository
from db.repositories.thresholds import SqlThresholdRepository
from db.repositories.updates import SqlUpdateLog
from db.repositories.users import SqlUserRepository
from db.repositories.workouts import SqlWorkoutRepository
from domain.clock import Clock
from domain.errors import DuplicateUpdateError


class SqlUnitOfWork:
    """Transactions are scoped by `async with`; leaving the block rolls back what was not
    committed, so a transaction (and SQLite's write lock) never outlives a service call.

    When it handles a Telegram update, the update id is written in the same transaction
    as the first commit: the effects of an update and the record that it was handled land
    together, or not at all.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.session = session_factory()
        self._clock = clock
        self.users = SqlUserRepository(self.session)
        self.updates = SqlUpdateLog(self.session)
        self.workouts = SqlWorkoutRepository(self.session)
        self.records = SqlRecordRepository(self.session)
        self.checkins = SqlCheckInRepository(self.session)
        self.thresholds = SqlThresholdRepository(self.session)
        self.strength = SqlStrengthRepository(self.session)
        self.notifications = SqlNotificationLog(self.session)
        self.plans = SqlPlanRepository(self.session)
        self.imports = SqlImportRepository(self.session)
        self.admins = SqlAdminRepository(self.session)
        self.campaigns = SqlCampaignRepository(self.session)
        self.partners = SqlPartnerRepository(self.session)
        self.growth = SqlGrowthRepository(self.session)
        self.gamification = SqlGamificationRepository(self.session)
        self.live_tracks = SqlLiveTrackRepository(self.session)
        self.devices = SqlDeviceRepository(self.session)
        self.groups = SqlGroupRepository(self.session)
        self.challenges = SqlChallengeRepository(self.session)
        self.awards = SqlAwardRepository(self.session)
        self._update_id: int | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.rollback()

    async def read_only(self) -> None:
        """Start the block's transaction as one that only reads: on SQLite, without the
        write lock (a write in it is refused)."""
        await self.session.connection(execution_options=READ_ONLY)

    def track_update(self, update_id: int) -> None:
        self._update_id = update_id

    async def commit(self) -> None:
        update_id = self._update_id
        if update_id is not None and not await self.updates.record(update_id, self._clock()):
            await self.session.rollback()
            raise DuplicateUpdateError()
        await self.session.commit()
        self._update_id = None

    async def finish_update(self) -> bool:
        """Record the tracked update if no commit did; False when another worker had it."""
        update_id, self._update_id = self._update_id, None
        if update_id is None:
            return True
        async with self:
            recorded = await self.updates.record(update_id, self._clock())
            await self.session.commit()
            return recorded

    async def close(self) -> None:
        await self.session.close()
