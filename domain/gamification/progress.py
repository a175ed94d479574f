"""Reading what the catalog and the streaks are measured on, inside the caller's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.clock import EPOCH
from domain.gamification.achievements import Facts, Progress, evaluate, held
from domain.gamification.catalog import CATALOG, Metric
from domain.gamification.models import Earned, GameProfile, Streaks
from domain.gamification.ports import FactSource
from domain.gamification.streaks import (
    daily_streak,
    default_target,
    week_start,
    weekly_counts,
    weekly_streak,
)
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.models import Workout

FACT_NAMES = tuple(sorted({str(a.param) for a in CATALOG if a.metric is Metric.FACT}))


def target_of(user: User, profile: GameProfile | None) -> int:
    if profile is not None and profile.weekly_target is not None:
        return profile.weekly_target
    return default_target(user)


async def streaks_of(
    uow: UnitOfWork, user: User, workouts: Sequence[Workout], target: int, today: date
) -> Streaks:
    """The weekly training streak and the daily check-in streak as the journal has them."""
    zone = ZoneInfo(user.timezone)
    counts = weekly_counts(workouts, zone)
    weekly = weekly_streak(counts, target, today)
    days = {checkin.day for checkin in await uow.checkins.all(user.id) if not checkin.is_empty}
    this_week = counts.get(week_start(today), 0)
    return Streaks(weekly, target, this_week, daily_streak(days, today))


async def measured(
    uow: UnitOfWork, sources: FactSource, user: User, level: int, today: date
) -> tuple[list[Progress], Streaks]:
    """Every achievement measured on the whole journal, and the streaks."""
    profile = await uow.gamification.profile(user.id)
    workouts = await uow.workouts.summaries_since(user.id, EPOCH)
    streaks = await streaks_of(uow, user, workouts, target_of(user, profile), today)
    checkins = [c for c in await uow.checkins.all(user.id) if not c.is_empty]
    facts = Facts(
        workouts=workouts,
        zone=ZoneInfo(user.timezone),
        elevations=await uow.gamification.elevations(user.id),
        records=len(await uow.records.all(user.id)),
        best_week_streak=streaks.weekly.best,
        best_checkin_streak=streaks.checkins.best,
        checkins=len(checkins),
        level=level,
        external=await sources.counts(user.id, FACT_NAMES),
    )
    return evaluate(facts), streaks


async def synced(
    uow: UnitOfWork, user_id: int, progress: Sequence[Progress], now: datetime
) -> list[tuple[str, int]]:
    """Store what the journal holds now: new tiers earned, lost ones revoked, regained ones
    restored (silently: they were announced once). The new ones, in catalog order."""
    reached = held(progress)
    stored = {(e.achievement_id, e.tier): e for e in await uow.gamification.earned(user_id)}
    new = []
    for key in sorted(reached - stored.keys(), key=_catalog_order):
        await uow.gamification.put_earned(user_id, Earned(key[0], key[1], now))
        new.append(key)
    for key, earned in stored.items():
        if key in reached and not earned.active:
            await uow.gamification.put_earned(user_id, Earned(key[0], key[1], now))
        elif key not in reached and earned.active:
            revoked = Earned(key[0], key[1], earned.earned_at, revoked_at=now)
            await uow.gamification.put_earned(user_id, revoked)
    return new


_ORDER = {achievement.id: index for index, achievement in enumerate(CATALOG)}


def _catalog_order(key: tuple[str, int]) -> tuple[int, int]:
    return _ORDER.get(key[0], len(_ORDER)), key[1]
