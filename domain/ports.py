"""The ports the domain needs from the outside world; db/ and bot/ implement them."""

from __future__ import annotations

from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from domain.activities.ports import ImportRepository
from domain.campaigns.ports import AdminRepository, CampaignRepository
from domain.challenges.ports import ChallengeRepository
from domain.coaching.ports import ThresholdRepository
from domain.devices.ports import DeviceRepository
from domain.gamification.ports import AwardRepository, GamificationRepository
from domain.groups.ports import GroupRepository
from domain.growth.ports import GrowthRepository
from domain.notifications.ports import NotificationLog
from domain.partners.ports import PartnerRepository
from domain.plans.ports import PlanRepository
from domain.skills.ports import StrengthRepository
from domain.tracks.ports import LiveTrackRepository
from domain.users.models import User
from domain.wellness.ports import CheckInRepository
from domain.workouts.ports import RecordRepository, WorkoutRepository


class UserRepository(Protocol):
    async def get(self, user_id: int) -> User | None: ...

    async def add(self, user: User) -> None: ...

    async def save(self, user: User) -> None: ...

    async def delete(self, user_id: int) -> bool: ...


class UpdateLog(Protocol):
    """Telegram update ids already handled, kept long enough to drop redeliveries."""

    async def seen(self, update_id: int) -> bool: ...

    async def prune(self, before: datetime) -> int: ...


class UnitOfWork(Protocol):
    """One transaction scope: `async with uow:` ends with a rollback unless committed."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def updates(self) -> UpdateLog: ...

    @property
    def workouts(self) -> WorkoutRepository: ...

    @property
    def records(self) -> RecordRepository: ...

    @property
    def checkins(self) -> CheckInRepository: ...

    @property
    def thresholds(self) -> ThresholdRepository: ...

    @property
    def strength(self) -> StrengthRepository: ...

    @property
    def notifications(self) -> NotificationLog: ...

    @property
    def plans(self) -> PlanRepository: ...

    @property
    def imports(self) -> ImportRepository: ...

    @property
    def admins(self) -> AdminRepository: ...

    @property
    def campaigns(self) -> CampaignRepository: ...

    @property
    def partners(self) -> PartnerRepository: ...

    @property
    def growth(self) -> GrowthRepository: ...

    @property
    def gamification(self) -> GamificationRepository: ...

    @property
    def live_tracks(self) -> LiveTrackRepository: ...

    @property
    def devices(self) -> DeviceRepository: ...

    @property
    def groups(self) -> GroupRepository: ...

    @property
    def challenges(self) -> ChallengeRepository: ...

    @property
    def awards(self) -> AwardRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def read_only(self) -> None:
        """Declare, first in the block, that it only reads: the database may run it beside
        writers; a write in it is refused."""
        ...


class TimezoneLocator(Protocol):
    def timezone_at(self, latitude: float, longitude: float) -> str | None: ...
