"""The evening warning before a streak would break: due at 19:00 local, claimed once a day."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.clock import EPOCH, Clock
from domain.gamification.models import NoticeKind, Streaks, Telling
from domain.gamification.ports import GamificationNotifier
from domain.gamification.progress import streaks_of, target_of
from domain.gamification.views import StreakWarning
from domain.notifications.models import DeliveryOutcome
from domain.notifications.schedule import EVERY_DAY, next_at
from domain.ports import UnitOfWork
from domain.users.models import User

logger = logging.getLogger(__name__)

WARNING_TIME = time(19, 0)  # the evening before midnight ends the day (and Sunday the week)
GRACE = timedelta(hours=2)  # a check missed by more (the bot was down) is skipped
BATCH = 100
_TELLING = {
    DeliveryOutcome.SENT: Telling.SENT,
    DeliveryOutcome.BLOCKED: Telling.BLOCKED,
    DeliveryOutcome.FAILED: Telling.FAILED,
}


def next_warning(user: User, after: datetime) -> datetime:
    return next_at(after, ZoneInfo(user.timezone), WARNING_TIME, EVERY_DAY)


def warnings_for(streaks: Streaks, today: date) -> list[StreakWarning]:
    """A check-in streak breaks at midnight without today's check-in; the weekly one at
    Sunday's midnight without the target's sessions. A freeze in hand would save either:
    then there is nothing to warn about."""
    found = []
    weekly = streaks.weekly
    if today.weekday() == 6 and weekly.at_risk:
        missing = streaks.target - streaks.this_week
        found.append(StreakWarning(NoticeKind.WEEKLY_STREAK, weekly.current, missing))
    if streaks.checkins.at_risk:
        found.append(StreakWarning(NoticeKind.CHECKIN_STREAK, streaks.checkins.current, 1))
    return found


@dataclass(frozen=True, slots=True)
class WarningClaim:
    user_id: int
    local_date: date
    warnings: tuple[StreakWarning, ...]


class StreakWarningService:
    def __init__(self, uow: UnitOfWork, clock: Clock, notifier: GamificationNotifier) -> None:
        self._uow = uow
        self._clock = clock
        self._notifier = notifier

    async def claim_due(self, limit: int = BATCH) -> list[WarningClaim]:
        """In one committed transaction: each due athlete's next check moves to tomorrow
        evening, and the streaks at risk tonight are claimed, once per kind and day."""
        now = self._clock()
        claims = []
        async with self._uow:
            for user_id in await self._uow.gamification.due_warnings(now, limit):
                user = await self._uow.users.get(user_id)
                profile = await self._uow.gamification.profile(user_id)
                if user is None or profile is None or profile.next_warning_at is None:
                    continue
                moment = profile.next_warning_at
                later = replace(profile, next_warning_at=next_warning(user, max(now, moment)))
                await self._uow.gamification.save_profile(later)
                if now - moment <= GRACE:
                    claim = await self._claim(user, moment, now)
                    if claim is not None:
                        claims.append(claim)
            await self._uow.commit()
        return claims

    async def _claim(self, user: User, moment: datetime, now: datetime) -> WarningClaim | None:
        today = moment.astimezone(ZoneInfo(user.timezone)).date()
        profile = await self._uow.gamification.profile(user.id)
        workouts = await self._uow.workouts.summaries_since(user.id, EPOCH)
        streaks = await streaks_of(self._uow, user, workouts, target_of(user, profile), today)
        claimed = []
        for warning in warnings_for(streaks, today):
            if await self._uow.gamification.claim_notice(user.id, warning.kind, today, now):
                claimed.append(warning)
        return WarningClaim(user.id, today, tuple(claimed)) if claimed else None

    async def deliver(self, claim: WarningClaim) -> DeliveryOutcome | None:
        """Send one claimed warning and record how it went (never sent again either way)."""
        async with self._uow:
            user = await self._uow.users.get(claim.user_id)
        if user is None:
            return None
        outcome = await self._notifier.send_streak_warning(user, claim.warnings)
        async with self._uow:
            for warning in claim.warnings:
                await self._uow.gamification.finish_notice(
                    user.id, warning.kind, claim.local_date, _TELLING[outcome]
                )
            if outcome is DeliveryOutcome.BLOCKED:
                await self._uow.users.save(replace(user, bot_blocked_at=self._clock()))
            await self._uow.commit()
        return outcome
