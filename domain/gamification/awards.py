"""The XP system seen from other features: XP they grant, XP a workout earned for a
challenge, and the counts they keep for the achievements (ADR 0043)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from zoneinfo import ZoneInfo

from domain.clock import Clock
from domain.gamification.catalog import FACT_CHALLENGES_WON, FACT_GROUP_EVENTS
from domain.gamification.models import GameProfile, XpAward
from domain.gamification.progress import measured, synced
from domain.gamification.warnings import next_warning
from domain.gamification.xp import level_of
from domain.ports import UnitOfWork
from domain.workouts.models import Workout

MAX_REASON = 64


async def total_xp(uow: UnitOfWork, user_id: int) -> int:
    """Training XP (each day capped) and XP granted outside training: the level's total."""
    return await uow.gamification.total(user_id) + await uow.awards.xp_awarded(user_id)


class GameFacts:
    """The FactSource over the other features' rows, inside the caller's unit of work."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def counts(self, user_id: int, names: Collection[str]) -> dict[str, int]:
        counts = dict.fromkeys(names, 0)
        if FACT_GROUP_EVENTS in counts:
            counts[FACT_GROUP_EVENTS] = await self._uow.awards.events_attended(user_id)
        if FACT_CHALLENGES_WON in counts:
            counts[FACT_CHALLENGES_WON] = await self._uow.awards.challenges_won(user_id)
        return counts


class LedgerXp:
    """Growth's XpLedger and the challenges' XpSource, over the gamification ledger."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def xp_of(self, workout: Workout) -> float:
        """What the workout kept after its day's cap: the gamification listener runs first."""
        return float(await self._uow.awards.workout_xp(workout.id))

    async def same_day(self, workout: Workout) -> list[Workout]:
        """The other workouts of its local day, as the ledger holds them after the change."""
        user = await self._uow.users.get(workout.user_id)
        if user is None:
            return []
        day = workout.started_at.astimezone(ZoneInfo(user.timezone)).date()
        found = []
        for entry in await self._uow.gamification.day(user.id, day):
            other = await self._uow.workouts.get(user.id, entry.workout_id)
            if other is not None and other.id != workout.id:
                found.append(other)
        return found

    async def award(self, user_id: int, amount: int, reason: str) -> None:
        """Once per reason, outside the daily training cap; the level it reaches is taken as
        announced (it is told where the reward is) and its achievements are stored."""
        now = self._clock()
        award = XpAward(reason[:MAX_REASON], amount, now)
        if amount <= 0 or not await self._uow.awards.add_xp(user_id, award):
            return
        user = await self._uow.users.get(user_id)
        if user is None:
            return
        level = level_of(await total_xp(self._uow, user_id))
        profile = await self._uow.gamification.profile(user_id)
        if profile is None:
            profile = GameProfile(user_id, next_warning_at=next_warning(user, now))
        if level.level > profile.best_level:
            await self._uow.gamification.save_profile(replace(profile, best_level=level.level))
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        progress, _ = await measured(self._uow, GameFacts(self._uow), user, level.level, today)
        await synced(self._uow, user_id, progress, now)
