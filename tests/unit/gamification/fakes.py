"""The gamification repository in dicts, with the same rules as the SQL one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from domain.gamification.models import (
    Earned,
    GameProfile,
    LeagueMember,
    NoticeKind,
    Telling,
    XpEntry,
)
from domain.gamification.views import LeagueResult, StreakWarning
from domain.notifications.models import DeliveryOutcome
from domain.users.models import User


class FakeGamificationRepository:
    def __init__(self, users: Any, imports: Any) -> None:
        self._users = users
        self._imports = imports
        self.ledger: dict[int, XpEntry] = {}
        self.profiles: dict[int, GameProfile] = {}
        self.notices: dict[tuple[int, NoticeKind, date], Telling] = {}
        self.achievements: dict[tuple[int, str, int], Earned] = {}
        self.members: dict[tuple[date, int], LeagueMember] = {}
        self.closed: dict[date, datetime] = {}

    async def day(self, user_id: int, local_day: date) -> list[XpEntry]:
        return [
            e for e in self.ledger.values() if (e.user_id, e.local_day) == (user_id, local_day)
        ]

    async def put(self, entry: XpEntry) -> None:
        self.ledger[entry.workout_id] = entry

    async def remove(self, workout_ids: Collection[int]) -> None:
        for workout_id in workout_ids:
            self.ledger.pop(workout_id, None)

    async def total(self, user_id: int) -> int:
        return sum(e.xp for e in self.ledger.values() if e.user_id == user_id)

    async def between(
        self, user_ids: Collection[int], start: datetime, end: datetime
    ) -> dict[int, int]:
        found: dict[int, int] = {}
        for e in self.ledger.values():
            if e.user_id in user_ids and start <= e.started_at < end:
                found[e.user_id] = found.get(e.user_id, 0) + e.xp
        return found

    async def profile(self, user_id: int) -> GameProfile | None:
        return self.profiles.get(user_id)

    async def save_profile(self, profile: GameProfile) -> None:
        self.profiles[profile.user_id] = profile

    async def due_warnings(self, now: datetime, limit: int) -> list[int]:
        due = [
            (p.next_warning_at, p.user_id)
            for p in self.profiles.values()
            if p.next_warning_at is not None and p.next_warning_at <= now
            and (user := self._users.committed.get(p.user_id)) is not None
            and user.bot_blocked_at is None
        ]  # fmt: skip
        return [user_id for _, user_id in sorted(due)[:limit]]

    async def claim_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, at: datetime
    ) -> bool:
        key = (user_id, kind, local_date)
        if key in self.notices:
            return False
        self.notices[key] = Telling.CLAIMED
        return True

    async def finish_notice(
        self, user_id: int, kind: NoticeKind, local_date: date, state: Telling
    ) -> None:
        self.notices[(user_id, kind, local_date)] = state

    async def earned(self, user_id: int) -> list[Earned]:
        return [e for (owner, *_), e in self.achievements.items() if owner == user_id]

    async def put_earned(self, user_id: int, earned: Earned) -> None:
        self.achievements[(user_id, earned.achievement_id, earned.tier)] = earned

    async def elevations(self, user_id: int) -> dict[int, float]:
        return {
            meta.workout_id: meta.elevation_gain_m
            for owner, meta, _ in self._imports.rows.values()
            if owner == user_id and meta.elevation_gain_m is not None
        }

    async def member(self, user_id: int, week: date) -> LeagueMember | None:
        return self.members.get((week, user_id))

    async def last_member(self, user_id: int) -> LeagueMember | None:
        mine = [m for (_, uid), m in self.members.items() if uid == user_id]
        return max(mine, key=lambda m: m.week, default=None)

    async def put_member(self, member: LeagueMember) -> None:
        self.members[(member.week, member.user_id)] = member

    async def group(self, week: date, tier: int, group_no: int) -> list[LeagueMember]:
        found = [
            m
            for m in self.members.values()
            if (m.week, m.tier, m.group_no) == (week, tier, group_no)
        ]
        return sorted(found, key=lambda m: (m.joined_at, m.user_id))

    async def open_group(self, week: date, tier: int, size: int) -> int:
        groups: dict[int, int] = {}
        for m in self.members.values():
            if (m.week, m.tier) == (week, tier):
                groups[m.group_no] = groups.get(m.group_no, 0) + 1
        open_ = sorted((n, g) for g, n in groups.items() if n < size)
        return open_[0][1] if open_ else max(groups, default=0) + 1

    async def week_members(self, week: date) -> list[LeagueMember]:
        return sorted(
            (m for m in self.members.values() if m.week == week), key=lambda m: m.user_id
        )

    async def weeks_to_close(self, before: date) -> list[date]:
        weeks = {m.week for m in self.members.values()}
        return sorted(w for w in weeks if w < before and w not in self.closed)

    async def close_week(self, week: date, at: datetime) -> bool:
        if week in self.closed:
            return False
        self.closed[week] = at
        return True

    async def untold(self, limit: int) -> list[LeagueMember]:
        pending = [m for m in self.members.values() if m.told is Telling.PENDING]
        return sorted(pending, key=lambda m: (m.week, m.user_id))[:limit]

    async def claim_telling(self, week: date, user_id: int) -> bool:
        member = self.members.get((week, user_id))
        if member is None or member.told is not Telling.PENDING:
            return False
        self.members[(week, user_id)] = replace(member, told=Telling.CLAIMED)
        return True

    async def finish_telling(self, week: date, user_id: int, state: Telling) -> None:
        self.members[(week, user_id)] = replace(self.members[(week, user_id)], told=state)

    async def first_names(self, user_ids: Collection[int]) -> dict[int, str]:
        return {
            uid: user.first_name
            for uid in user_ids
            if (user := self._users.committed.get(uid)) is not None
        }


@dataclass
class FakeGamificationNotifier:
    outcome: DeliveryOutcome = DeliveryOutcome.SENT
    warnings: list[tuple[int, Sequence[StreakWarning]]] = field(default_factory=list)
    results: list[tuple[int, LeagueResult]] = field(default_factory=list)

    async def send_streak_warning(
        self, user: User, warnings: Sequence[StreakWarning]
    ) -> DeliveryOutcome:
        self.warnings.append((user.id, tuple(warnings)))
        return self.outcome

    async def send_league_result(self, user: User, result: LeagueResult) -> DeliveryOutcome:
        self.results.append((user.id, result))
        return self.outcome
