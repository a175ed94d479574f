"""An in-memory PartnerRepository over the fake users (cosmicpython style)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from domain.partners.matching import cell_of
from domain.partners.models import (
    Candidate,
    Intro,
    IntroState,
    PartnerRecord,
    ReportReason,
    ReportView,
)
from domain.users.models import Sport, User


class _Users(Protocol):
    async def get(self, user_id: int) -> User | None: ...


@dataclass
class _Listed:
    cell: int | None
    vdot: float | None
    at: datetime


class FakePartnerRepository:
    def __init__(self, users: _Users) -> None:
        self._users = users
        self.listed: dict[int, _Listed] = {}
        self.intros: dict[int, Intro] = {}
        self.blocks: set[tuple[int, int]] = set()
        self.reports: list[tuple[int, int, ReportReason, datetime]] = []
        self.puts = 0

    async def profile(self, user_id: int) -> Candidate | None:
        user, listed = await self._users.get(user_id), self.listed.get(user_id)
        if user is None or listed is None or user.bot_blocked_at is not None:
            return None
        p = user.profile
        return Candidate(
            user.id, user.first_name, p.city, p.location, p.sports, p.level, p.days,
            p.birth_year, listed.vdot, listed.cell, listed.at,
        )  # fmt: skip

    async def put(self, user_id: int, cell: int | None, vdot: float | None, now: datetime) -> None:
        self.listed[user_id] = _Listed(cell, vdot, now)
        self.puts += 1

    async def remove(self, user_id: int) -> bool:
        return self.listed.pop(user_id, None) is not None

    async def candidates(
        self,
        user_id: int,
        cells: Sequence[int] | None,
        city: str | None,
        sports: frozenset[Sport],
        limit: int,
    ) -> list[Candidate]:
        found = []
        for other in sorted(self.listed):
            candidate = await self.profile(other)
            if candidate is None or other == user_id or not candidate.sports & sports:
                continue
            if await self.blocked_between(user_id, other):
                continue
            if cells is not None:
                here = candidate.location
                if here is None or cell_of(here) not in cells:
                    continue
            elif not city or (candidate.city or "").lower() != city.lower():
                continue
            found.append(candidate)
        return found[:limit]

    async def blocked_between(self, first: int, second: int) -> bool:
        return (first, second) in self.blocks or (second, first) in self.blocks

    async def block(self, blocker: int, blocked: int, now: datetime) -> None:
        self.blocks.add((blocker, blocked))

    async def intros_sent_since(self, sender: int, since: datetime) -> int:
        return sum(
            1 for i in self.intros.values() if i.sender_id == sender and i.created_at >= since
        )

    async def open_intro_between(self, first: int, second: int) -> Intro | None:
        open_states = (IntroState.PENDING, IntroState.ACCEPTED, IntroState.SILENCED)
        pairs = {(first, second), (second, first)}
        found = [
            i for i in self.intros.values()
            if (i.sender_id, i.recipient_id) in pairs and i.state in open_states
        ]  # fmt: skip
        return found[-1] if found else None

    async def add_intro(
        self, sender: int, recipient: int, state: IntroState, now: datetime
    ) -> Intro:
        intro = Intro(len(self.intros) + 1, sender, recipient, state, now)
        self.intros[intro.id] = intro
        return intro

    async def intro(self, intro_id: int) -> Intro | None:
        return self.intros.get(intro_id)

    async def decide(self, intro_id: int, state: IntroState, now: datetime) -> bool:
        intro = self.intros.get(intro_id)
        if intro is None or intro.state is not IntroState.PENDING:
            return False
        self.intros[intro_id] = replace(intro, state=state, decided_at=now)
        return True

    async def decline_open_between(self, first: int, second: int, now: datetime) -> None:
        while (intro := await self.open_intro_between(first, second)) is not None:
            self.intros[intro.id] = replace(intro, state=IntroState.DECLINED, decided_at=now)

    async def report(
        self, reporter: int, reported: int, reason: ReportReason, now: datetime
    ) -> None:
        self.reports.append((reporter, reported, reason, now))

    async def record_of(self, user_id: int) -> PartnerRecord:
        mine = [i for i in self.intros.values() if user_id in (i.sender_id, i.recipient_id)]
        blocked = tuple(b for a, b in sorted(self.blocks) if a == user_id)
        reports = tuple((b, r, at) for a, b, r, at in self.reports if a == user_id)
        return PartnerRecord(None, tuple(mine), blocked, reports)

    async def recent_reports(self, limit: int) -> list[ReportView]:
        views = []
        for reporter, reported, reason, at in reversed(self.reports):
            a, b = await self._users.get(reporter), await self._users.get(reported)
            if a is not None and b is not None:
                views.append(
                    ReportView(reporter, a.first_name, reported, b.first_name, reason, at)
                )
        return views[:limit]
