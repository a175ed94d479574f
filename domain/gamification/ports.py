"""What the gamification needs from storage, from other features and from the messenger."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Protocol

from domain.gamification.models import (
    Earned,
    GameProfile,
    LeagueMember,
    NoticeKind,
    Telling,
    XpAward,
    XpEntry,
)
from domain.gamification.views import LeagueResult, StreakWarning
from domain.notifications.models import DeliveryOutcome
from domain.users.models import User


class XpLedger(Protocol):
    async def day(self, user_id: int, local_day: date) -> list[XpEntry]: ...

    async def put(self, entry: XpEntry) -> None:
        """Insert or replace the entry of its workout: one row per workout, ever."""
        ...

    async def remove(self, workout_ids: Collection[int]) -> None: ...

    async def total(self, user_id: int) -> int: ...

    async def between(
        self, user_ids: Collection[int], start: datetime, end: datetime
    ) -> dict[int, int]:
        """XP per athlete of the workouts started in [start, end)."""
        ...


class GamificationRepository(XpLedger, Protocol):
    async def profile(self, user_id: int) -> GameProfile | None: ...

    async def save_profile(self, profile: GameProfile) -> None: ...

    async def due_warnings(self, now: datetime, limit: int) -> list[int]:
        """Athletes (not blocking the bot) whose streak check is due, locked on PostgreSQL."""
        ...

    async def claim_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, at: datetime
    ) -> bool:
        """True when this call claimed the notice; at most one per athlete, kind and day."""
        ...

    async def finish_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, state: Telling
    ) -> None: ...

    async def earned(self, user_id: int) -> list[Earned]:
        """Every tier ever earned, revoked ones included."""
        ...

    async def put_earned(self, user_id: int, earned: Earned) -> None:
        """Insert or replace the row of (athlete, achievement, tier)."""
        ...

    async def elevations(self, user_id: int) -> dict[int, float]:
        """Metres climbed per workout, of the workouts imported from files."""
        ...

    async def member(self, user_id: int, week: date) -> LeagueMember | None: ...

    async def last_member(self, user_id: int) -> LeagueMember | None: ...

    async def put_member(self, member: LeagueMember) -> None: ...

    async def group(self, week: date, tier: int, group_no: int) -> list[LeagueMember]:
        """The group's members in the order they joined."""
        ...

    async def open_group(self, week: date, tier: int, size: int) -> int:
        """The tier's group of the week with the fewest members under `size`, or a new one."""
        ...

    async def week_members(self, week: date) -> list[LeagueMember]: ...

    async def weeks_to_close(self, before: date) -> list[date]:
        """League weeks starting before `before` with members and not closed yet."""
        ...

    async def close_week(self, week: date, at: datetime) -> bool:
        """Mark the week closed; False when it already was (by this or another process)."""
        ...

    async def untold(self, limit: int) -> list[LeagueMember]: ...

    async def claim_telling(self, week: date, user_id: int) -> bool: ...

    async def finish_telling(self, week: date, user_id: int, state: Telling) -> None: ...

    async def first_names(self, user_ids: Collection[int]) -> dict[int, str]: ...


class FactSource(Protocol):
    """Counts other features keep (group events attended, challenges won, …)."""

    async def counts(self, user_id: int, names: Collection[str]) -> dict[str, int]: ...


class NoFacts:
    """Until a feature supplies its facts, they count 0 (the catalog's rows wait for it)."""

    async def counts(self, user_id: int, names: Collection[str]) -> dict[str, int]:  # noqa: ARG002
        return dict.fromkeys(names, 0)


class GamificationNotifier(Protocol):
    async def send_streak_warning(
        self, user: User, warnings: Sequence[StreakWarning]
    ) -> DeliveryOutcome: ...

    async def send_league_result(self, user: User, result: LeagueResult) -> DeliveryOutcome: ...


class AwardRepository(Protocol):
    """XP outside workouts, the facts other features keep, and the winners of challenges."""

    async def add_xp(self, user_id: int, award: XpAward) -> bool:
        """False (and nothing changed) when the athlete already has an award for the reason."""
        ...

    async def xp_awarded(self, user_id: int) -> int: ...

    async def xp_awards(self, user_id: int) -> list[XpAward]: ...

    async def xp_entries(self, user_id: int) -> list[XpEntry]:
        """Every workout's XP, the oldest first (for the export)."""
        ...

    async def workout_xp(self, workout_id: int) -> int:
        """The XP the workout kept after its day's cap (0 when it has no entry)."""
        ...

    async def leagues_of(self, user_id: int) -> list[LeagueMember]:
        """The athlete's league weeks, the oldest first."""
        ...

    async def events_attended(self, user_id: int) -> int:
        """Group events the athlete confirmed with a workout."""
        ...

    async def challenges_won(self, user_id: int) -> int: ...

    async def reached(self, challenge_id: int, target: float) -> list[int]:
        """Participants whose total reached `target`."""
        ...

    async def add_wins(self, challenge_id: int, user_ids: Collection[int], at: datetime) -> None:
        """Record the winners (kept once each), their message pending."""
        ...

    async def pending_wins(self, limit: int) -> list[tuple[int, int]]:
        """(challenge id, user id) of winners not yet told, oldest first."""
        ...

    async def claim_win(self, challenge_id: int, user_id: int) -> bool:
        """pending -> claimed; False when another process claimed it."""
        ...

    async def finish_win(self, challenge_id: int, user_id: int, state: Telling) -> None: ...
