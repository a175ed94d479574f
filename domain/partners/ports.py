"""What partner matching needs from storage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.partners.models import (
    Candidate,
    Intro,
    IntroState,
    PartnerRecord,
    ReportReason,
    ReportView,
)
from domain.users.models import Sport


class PartnerRepository(Protocol):
    async def profile(self, user_id: int) -> Candidate | None:
        """The athlete as others would find them; None unless they are discoverable."""
        ...

    async def put(self, user_id: int, cell: int | None, vdot: float | None, now: datetime) -> None:
        """Make (or keep) the athlete discoverable, with their grid cell and pace."""
        ...

    async def remove(self, user_id: int) -> bool: ...

    async def candidates(
        self,
        user_id: int,
        cells: Sequence[int] | None,
        city: str | None,
        sports: frozenset[Sport],
        limit: int,
    ) -> list[Candidate]:
        """At most `limit` discoverable athletes other than `user_id` in the cells (or,
        without cells, the city) who practise one of the sports, neither blocking the other;
        the most recently active first."""
        ...

    async def blocked_between(self, first: int, second: int) -> bool: ...

    async def block(self, blocker: int, blocked: int, now: datetime) -> None: ...

    async def intros_sent_since(self, sender: int, since: datetime) -> int: ...

    async def open_intro_between(self, first: int, second: int) -> Intro | None:
        """A pending, silenced or accepted intro between the two, whoever sent it."""
        ...

    async def add_intro(
        self, sender: int, recipient: int, state: IntroState, now: datetime
    ) -> Intro: ...

    async def intro(self, intro_id: int) -> Intro | None: ...

    async def decide(self, intro_id: int, state: IntroState, now: datetime) -> bool:
        """Move a pending intro to `state`; False when it was no longer pending."""
        ...

    async def decline_open_between(self, first: int, second: int, now: datetime) -> None: ...

    async def report(
        self, reporter: int, reported: int, reason: ReportReason, now: datetime
    ) -> None: ...

    async def record_of(self, user_id: int) -> PartnerRecord: ...

    async def recent_reports(self, limit: int) -> list[ReportView]:
        """The newest reports first, with both athletes' first names."""
        ...
