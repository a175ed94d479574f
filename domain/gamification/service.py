"""XP, levels and achievements as workouts come and go; /achievements and /level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.clock import EPOCH, Clock
from domain.errors import InvalidValueError
from domain.gamification.achievements import Progress
from domain.gamification.awards import total_xp
from domain.gamification.catalog import BY_ID
from domain.gamification.leagues_service import join_league
from domain.gamification.models import GameProfile, XpEntry
from domain.gamification.ports import FactSource, NoFacts
from domain.gamification.progress import measured, streaks_of, synced, target_of
from domain.gamification.streaks import MAX_TARGET, daily_streak
from domain.gamification.views import AchievementsView, EarnedItem, LevelCard
from domain.gamification.warnings import next_warning
from domain.gamification.xp import DAILY_CAP, allocate, level_of, progress_bar, workout_xp
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.events import Announcement, WorkoutChange, WorkoutEvent

NEXT_SHOWN = 6
DAY_LIMIT = 1000  # workouts read for one local day's XP


class GamificationService:
    """Also the WorkoutListener: it runs inside the workout's unit of work, which commits."""

    def __init__(self, uow: UnitOfWork, clock: Clock, facts: FactSource | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._facts = facts or NoFacts()

    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        """Give the workout's local day(s) their XP again, then the level and the
        achievements as the journal now holds them; announce only what is new."""
        user, workout = event.user, event.workout
        zone = ZoneInfo(user.timezone)
        if event.change is WorkoutChange.DELETED:
            await self._uow.gamification.remove([workout.id])
        days = {workout.started_at.astimezone(zone).date()}
        if event.previous is not None:
            days.add(event.previous.started_at.astimezone(zone).date())
        entries: dict[int, XpEntry] = {}
        for day in sorted(days):
            entries.update(await self._rebalance(user, day, zone))
        said = await self._levels(user, event, entries.get(workout.id))
        if event.change is not WorkoutChange.DELETED and workout.id in entries:
            await join_league(self._uow, user.id, workout.started_at, self._clock())
        return said

    async def _rebalance(self, user: User, day: date, zone: ZoneInfo) -> dict[int, XpEntry]:
        start = datetime.combine(day, time(), zone)
        end = datetime.combine(day + timedelta(days=1), time(), zone)
        journal = self._uow.workouts
        workouts = await journal.page(user.id, None, 0, DAY_LIMIT, start, end)
        raw = {w.id: workout_xp(w) for w in workouts}
        kept = allocate([(w.id, w.started_at, raw[w.id]) for w in workouts])
        ledger = self._uow.gamification
        stored = {e.workout_id: e for e in await ledger.day(user.id, day)}
        await ledger.remove([workout_id for workout_id in stored if workout_id not in kept])
        entries = {}
        for w in workouts:
            entries[w.id] = XpEntry(w.id, user.id, day, w.started_at, raw[w.id], kept[w.id])
            if stored.get(w.id) != entries[w.id]:
                await ledger.put(entries[w.id])
        return entries

    async def _levels(
        self, user: User, event: WorkoutEvent, entry: XpEntry | None
    ) -> list[Announcement]:
        now = self._clock()
        level = level_of(await total_xp(self._uow, user.id))
        profile = await self._profile(user, now)
        said = []
        deleted = event.change is WorkoutChange.DELETED
        if entry is not None and not deleted:
            bar = progress_bar(level.fraction)
            params: dict[str, str | int | float] = {"xp": entry.xp, "level": level.level,
                "bar": bar, "into": level.into, "needed": level.needed}  # fmt: skip
            key = "xp_gained" if event.change is WorkoutChange.ADDED else "xp_now"
            said.append(Announcement(f"gamification.{key}", params))
            if entry.xp < entry.raw:
                said.append(Announcement("gamification.xp_capped", {"cap": DAILY_CAP}))
        if level.level > profile.best_level:
            if not deleted:
                said.append(Announcement("gamification.level_up", {"level": level.level}))
            profile = replace(profile, best_level=level.level)
        await self._uow.gamification.save_profile(profile)
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        progress, _ = await measured(self._uow, self._facts, user, level.level, today)
        new = await synced(self._uow, user.id, progress, now)
        if not deleted:
            said.extend(_unlocked(new))
        return said

    async def recheck(self, user: User) -> list[Announcement]:
        """Inside the caller's unit of work: store what the athlete's facts reach now (a
        check-in, an attended event) and announce only the newly unlocked tiers."""
        now = self._clock()
        level = level_of(await total_xp(self._uow, user.id))
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        progress, _ = await measured(self._uow, self._facts, user, level.level, today)
        return _unlocked(await synced(self._uow, user.id, progress, now))

    async def checked_in(self, user: User) -> list[Announcement]:
        """The check-in streak as it stands after the check-in, and what it unlocked."""
        today = self._clock().astimezone(ZoneInfo(user.timezone)).date()
        days = {c.day for c in await self._uow.checkins.all(user.id) if not c.is_empty}
        streak = daily_streak(days, today)
        said = [Announcement("gamification.checkin_streak",
                             {"days": streak.current, "best": streak.best})]  # fmt: skip
        return said + await self.recheck(user)

    async def _profile(self, user: User, now: datetime) -> GameProfile:
        profile = await self._uow.gamification.profile(user.id)
        if profile is None:
            profile = GameProfile(user.id, next_warning_at=next_warning(user, now))
        return profile

    async def overview(self, user: User) -> AchievementsView:
        """Earned tiers (the highest of each, with its date) and the closest next ones; the
        journal is measured afresh, so what a check-in streak reached shows at once."""
        now = self._clock()
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        async with self._uow:
            level = level_of(await total_xp(self._uow, user.id))
            progress, _ = await measured(self._uow, self._facts, user, level.level, today)
            await synced(self._uow, user.id, progress, now)
            earned = await self._uow.gamification.earned(user.id)
            await self._uow.commit()
        best: dict[str, EarnedItem] = {}
        for item in earned:
            if item.active and item.achievement_id in BY_ID:
                held = best.get(item.achievement_id)
                if held is None or item.tier > held.tier:
                    definition = BY_ID[item.achievement_id]
                    best[item.achievement_id] = EarnedItem(definition, item.tier, item.earned_at)
        shown = sorted(best.values(), key=lambda item: item.earned_at, reverse=True)
        return AchievementsView(tuple(shown), _closest(progress), level, len(BY_ID))

    async def level_card(self, user: User) -> LevelCard:
        """XP, level with its bar, the weekly and check-in streaks with their freezes."""
        now = self._clock()
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        async with self._uow:
            await self._uow.read_only()
            return await self._card(user, today)

    async def _card(self, user: User, today: date) -> LevelCard:
        level = level_of(await total_xp(self._uow, user.id))
        profile = await self._uow.gamification.profile(user.id)
        workouts = await self._uow.workouts.summaries_since(user.id, EPOCH)
        target = target_of(user, profile)
        streaks = await streaks_of(self._uow, user, workouts, target, today)
        custom = profile is not None and profile.weekly_target is not None
        return LevelCard(level, streaks, custom)

    async def set_target(self, user: User, sessions: int) -> LevelCard:
        """Sessions a week the weekly streak asks for: 1 to 14."""
        if not 1 <= sessions <= MAX_TARGET:
            raise InvalidValueError("weekly_target", "out_of_range", limit=MAX_TARGET)
        now = self._clock()
        async with self._uow:
            profile = await self._profile(user, now)
            await self._uow.gamification.save_profile(replace(profile, weekly_target=sessions))
            card = await self._card(user, now.astimezone(ZoneInfo(user.timezone)).date())
            await self._uow.commit()
        return card


def _unlocked(new: Sequence[tuple[str, int]]) -> list[Announcement]:
    """One line per achievement: its highest new tier."""
    top: dict[str, int] = {}
    for achievement_id, tier in new:
        top[achievement_id] = max(tier, top.get(achievement_id, 0))
    return [
        Announcement(f"achievement.{key}.unlocked", {"badge": BY_ID[key].badge(tier)})
        for key, tier in top.items()
    ]


def _closest(progress: Sequence[Progress]) -> tuple[Progress, ...]:
    open_ = [p for p in progress if p.next_threshold is not None and p.value > 0]
    open_.sort(key=lambda p: (-p.fraction, p.achievement.id))
    if len(open_) < NEXT_SHOWN:
        rest = [p for p in progress if p.next_threshold is not None and p.value == 0]
        open_.extend(rest[: NEXT_SHOWN - len(open_)])
    return tuple(open_[:NEXT_SHOWN])
