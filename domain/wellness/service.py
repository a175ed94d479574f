"""Daily wellness check-ins: one answer at a time, for today or the two days before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.clock import Clock
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.wellness.models import CheckIn, CheckInOverview, WellnessField, WellnessSummary
from domain.wellness.summary import BASELINE_DAYS, wellness_summary
from domain.wellness.validation import check_day, check_value, parse_typed
from domain.workouts.events import Announcement

RECENT_DAYS = 7


class CheckInListener(Protocol):
    async def checked_in(self, user: User) -> Sequence[Announcement]:
        """Inside the check-in's unit of work: what the check-in changed elsewhere."""
        ...


class CheckInService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, listener: CheckInListener | None = None
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._listener = listener

    def local_today(self, user: User) -> date:
        """The athlete's calendar day now: it starts at their own midnight."""
        return self._clock().astimezone(ZoneInfo(user.timezone)).date()

    def check_day(self, user: User, day: date) -> date:
        """Refuse a day in the future or more than two days back; give the athlete's today."""
        today = self.local_today(user)
        check_day(day, today)
        return today

    async def overview(self, user: User, day: date | None = None) -> CheckInOverview:
        """The day's check-in (today by default) and the seven days before it."""
        today = self.local_today(user)
        day = day or today
        check_day(day, today)
        async with self._uow:
            return await self._overview(user.id, day, today)

    async def record(
        self, user: User, field: WellnessField, value: float, day: date
    ) -> CheckInOverview:
        """Store one answer for one local day (a second answer replaces the first); the
        check-in streak and its achievements move in the same transaction."""
        today = self.local_today(user)
        check_day(day, today)
        checked = check_value(field, value)
        async with self._uow:
            await self._uow.checkins.set_field(user.id, day, field, checked, self._clock())
            said = await self._listener.checked_in(user) if self._listener else ()
            await self._uow.commit()
            overview = await self._overview(user.id, day, today)
            return replace(overview, announcements=tuple(said))

    async def record_text(
        self, user: User, field: WellnessField, text: str, day: date
    ) -> CheckInOverview:
        """Store a typed resting heart rate or body weight (in the athlete's units)."""
        self.check_day(user, day)
        return await self.record(user, field, parse_typed(field, text, user.units), day)

    async def today(self, user: User) -> CheckIn:
        """Today's check-in in the athlete's timezone; empty when nothing was answered."""
        return (await self.overview(user)).checkin

    async def last_days(self, user: User, days: int = RECENT_DAYS) -> list[CheckIn]:
        """The check-ins of the last `days` local days, today included, oldest first."""
        today = self.local_today(user)
        async with self._uow:
            return await self._uow.checkins.between(
                user.id, today - timedelta(days=days - 1), today
            )

    async def baseline(self, user: User) -> WellnessSummary:
        """Today's answers against the resting HR and sleep of the last two weeks."""
        today = self.local_today(user)
        async with self._uow:
            checkins = await self._uow.checkins.between(
                user.id, today - timedelta(days=BASELINE_DAYS), today
            )
        return wellness_summary(checkins, today)

    async def _overview(self, user_id: int, day: date, today: date) -> CheckInOverview:
        checkins = await self._uow.checkins.between(
            user_id, day - timedelta(days=RECENT_DAYS), day
        )
        current = next((c for c in checkins if c.day == day), CheckIn(user_id, day))
        recent = tuple(reversed([c for c in checkins if c.day < day and not c.is_empty]))
        return CheckInOverview(day=day, today=today, checkin=current, recent=recent)
