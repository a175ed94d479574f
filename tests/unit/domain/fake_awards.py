"""The award repository in dicts, reading the other fakes as the SQL one reads their tables."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from domain.gamification.models import LeagueMember, Telling, XpAward, XpEntry


class FakeAwardRepository:
    def __init__(self, gamification: Any, groups: Any, challenges: Any) -> None:
        self._gamification = gamification
        self._groups = groups
        self._challenges = challenges
        self.xp: dict[tuple[int, str], XpAward] = {}
        self.wins: dict[tuple[int, int], tuple[datetime, Telling]] = {}

    async def add_xp(self, user_id: int, award: XpAward) -> bool:
        if (user_id, award.reason) in self.xp:
            return False
        self.xp[(user_id, award.reason)] = award
        return True

    async def xp_awarded(self, user_id: int) -> int:
        return sum(a.amount for (uid, _), a in self.xp.items() if uid == user_id)

    async def xp_awards(self, user_id: int) -> list[XpAward]:
        found = [a for (uid, _), a in self.xp.items() if uid == user_id]
        return sorted(found, key=lambda a: a.awarded_at)

    async def xp_entries(self, user_id: int) -> list[XpEntry]:
        ledger: dict[int, XpEntry] = self._gamification.ledger
        return sorted((e for e in ledger.values() if e.user_id == user_id),
                      key=lambda e: e.started_at)  # fmt: skip

    async def workout_xp(self, workout_id: int) -> int:
        entry = self._gamification.ledger.get(workout_id)
        return 0 if entry is None else int(entry.xp)

    async def leagues_of(self, user_id: int) -> list[LeagueMember]:
        members: dict[Any, LeagueMember] = self._gamification.members
        return sorted((m for m in members.values() if m.user_id == user_id),
                      key=lambda m: m.week)  # fmt: skip

    async def events_attended(self, user_id: int) -> int:
        rsvps: dict[tuple[int, int], tuple[Any, int | None]] = self._groups.rsvps
        return sum(1 for (_, uid), (_, w) in rsvps.items() if uid == user_id and w is not None)

    async def challenges_won(self, user_id: int) -> int:
        return sum(1 for _, uid in self.wins if uid == user_id)

    async def reached(self, challenge_id: int, target: float) -> list[int]:
        members = self._challenges.members
        return sorted(uid for (cid, uid), m in members.items()
                      if cid == challenge_id and m.total >= target)  # fmt: skip

    async def add_wins(self, challenge_id: int, user_ids: Collection[int], at: datetime) -> None:
        for user_id in user_ids:
            self.wins.setdefault((challenge_id, user_id), (at, Telling.PENDING))

    async def pending_wins(self, limit: int) -> list[tuple[int, int]]:
        pending = [(at, key) for key, (at, told) in self.wins.items() if told is Telling.PENDING]
        return [key for _, key in sorted(pending)[:limit]]

    async def claim_win(self, challenge_id: int, user_id: int) -> bool:
        at, told = self.wins.get((challenge_id, user_id), (None, None))
        if at is None or told is not Telling.PENDING:
            return False
        self.wins[(challenge_id, user_id)] = (at, Telling.CLAIMED)
        return True

    async def finish_win(self, challenge_id: int, user_id: int, state: Telling) -> None:
        at, _ = self.wins[(challenge_id, user_id)]
        self.wins[(challenge_id, user_id)] = (at, state)
