"""Finding training partners and introducing them, only with both sides' consent."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from domain.clock import Clock
from domain.coaching.performance import BEST_EFFORT_DAYS, best_vdot
from domain.errors import InvalidValueError, NotFoundError
from domain.partners.matching import cell_of, cells_near, match
from domain.partners.models import (
    Candidate,
    Connection,
    Hi,
    HiOutcome,
    Intro,
    IntroState,
    MatchPage,
    ReportReason,
)
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.events import Announcement, WorkoutEvent
from domain.workouts.models import Activity

PAGE_SIZE = 5
CANDIDATE_LIMIT = 200
NEAR_KM = 15.0
ACTIVE_EVERY = timedelta(hours=1)  # how often a search counts as activity
INTROS_PER_DAY = 5


class PartnerService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def profile(self, user: User) -> Candidate | None:
        """The athlete as others see them, or None when they are not discoverable."""
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.partners.profile(user.id)

    async def join(self, user: User) -> Candidate:
        """Become discoverable: needs at least one sport and an area (a location or a city)."""
        if not user.profile.sports:
            raise InvalidValueError("partners", "no_sports")
        if user.profile.location is None and not user.profile.city:
            raise InvalidValueError("partners", "no_area")
        async with self._uow:
            await self._refresh(user)
            await self._uow.commit()
            joined = await self._uow.partners.profile(user.id)
        assert joined is not None
        return joined

    async def leave(self, user: User) -> None:
        """Stop being discoverable; blocks stay."""
        async with self._uow:
            await self._uow.partners.remove(user.id)
            await self._uow.commit()

    async def find(self, user: User, page: int = 0) -> MatchPage | None:
        """Partners for a discoverable athlete (None for others: finding means being found),
        best score first (ties: the lower id), a page at a time; a page past the end shows the
        last one."""
        async with self._uow:
            listed = await self._uow.partners.profile(user.id)
            if listed is None:
                return None
            if await self._refresh(user, listed):
                await self._uow.commit()
                listed = await self._uow.partners.profile(user.id)
            me = listed
            assert me is not None
            found = await self._candidates(user.id, me)
        ranked = sorted(
            (m for m in (match(me, other) for other in found) if m is not None),
            key=lambda m: (-m.score, m.candidate.user_id),
        )
        pages = max(1, math.ceil(len(ranked) / PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        return MatchPage(tuple(ranked[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]), page, pages)

    async def _candidates(self, user_id: int, me: Candidate) -> list[Candidate]:
        """The nearest cells first; the whole radius only when they hold too few."""
        partners = self._uow.partners
        if me.location is None:
            return await partners.candidates(user_id, None, me.city, me.sports, CANDIDATE_LIMIT)
        near = cells_near(me.location, NEAR_KM)
        found = await partners.candidates(user_id, near, None, me.sports, CANDIDATE_LIMIT)
        if len(found) < CANDIDATE_LIMIT:
            found = await partners.candidates(
                user_id, cells_near(me.location), None, me.sports, CANDIDATE_LIMIT
            )
        return found

    async def say_hi(self, user: User, target_id: int) -> Hi:
        """Ask an athlete the sender's search lists to train together; at most
        INTROS_PER_DAY a day. To someone who blocked the sender it looks sent and is never
        delivered."""
        now = self._clock()
        partners = self._uow.partners
        async with self._uow:
            me = await partners.profile(user.id)
            target = await partners.profile(target_id) if target_id != user.id else None
            # Only someone the sender's search could list: a crafted button naming any id
            # reaches nobody out of range or without a shared sport.
            if me is None or target is None or match(me, target) is None:
                return Hi(HiOutcome.GONE)
            existing = await partners.open_intro_between(user.id, target_id)
            if existing is not None:
                connected = existing.state is IntroState.ACCEPTED
                return Hi(HiOutcome.CONNECTED if connected else HiOutcome.PENDING)
            sent_today = await partners.intros_sent_since(user.id, now - timedelta(days=1))
            if sent_today >= INTROS_PER_DAY:
                return Hi(HiOutcome.LIMIT)
            blocked = await partners.blocked_between(user.id, target_id)
            state = IntroState.SILENCED if blocked else IntroState.PENDING
            intro = await partners.add_intro(user.id, target_id, state, now)
            recipient = await self._uow.users.get(target_id)
            await self._uow.commit()
        if blocked or recipient is None:
            return Hi(HiOutcome.SENT)
        return Hi(HiOutcome.SENT, intro, recipient, me)

    async def answer(self, user: User, intro_id: int, accept: bool) -> Connection | None:
        """The recipient accepts (both get the other's contact) or declines (the sender is
        not told) a pending intro addressed to them."""
        now = self._clock()
        async with self._uow:
            intro = await self._own_pending(user, intro_id)
            state = IntroState.ACCEPTED if accept else IntroState.DECLINED
            if not await self._uow.partners.decide(intro.id, state, now):
                raise NotFoundError(what="intro")
            sender = await self._uow.users.get(intro.sender_id)
            await self._uow.commit()
        if not accept or sender is None:
            return None
        return Connection(intro, sender, user)

    async def block(self, user: User, target_id: int, reason: ReportReason | None = None) -> None:
        """Block an athlete (and report them when a reason is given): neither finds the other
        again, open intros between them close, their next ones are silenced."""
        if target_id == user.id:
            return
        now = self._clock()
        async with self._uow:
            await self._uow.partners.block(user.id, target_id, now)
            await self._uow.partners.decline_open_between(user.id, target_id, now)
            if reason is not None:
                await self._uow.partners.report(user.id, target_id, reason, now)
            await self._uow.commit()

    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        """A listener: a discoverable runner's pace follows their runs."""
        running = event.workout.activity is Activity.RUN
        if running and await self._uow.partners.profile(event.user.id) is not None:
            await self._refresh(event.user)
        return ()

    async def block_sender(
        self, user: User, intro_id: int, reason: ReportReason | None = None
    ) -> None:
        """Block (and with a reason, report) whoever sent the athlete this intro."""
        async with self._uow:
            await self._uow.read_only()
            intro = await self._uow.partners.intro(intro_id)
        if intro is None or intro.recipient_id != user.id:
            raise NotFoundError(what="intro")
        await self.block(user, intro.sender_id, reason)

    async def _own_pending(self, user: User, intro_id: int) -> Intro:
        intro = await self._uow.partners.intro(intro_id)
        if intro is None or intro.recipient_id != user.id or intro.state is not IntroState.PENDING:
            raise NotFoundError(what="intro")
        return intro

    async def _refresh(self, user: User, listed: Candidate | None = None) -> bool:
        """Store the athlete's current cell and pace, inside the caller's unit of work; a
        search an hour after the last refresh that changes neither writes nothing."""
        now = self._clock()
        since = now - timedelta(days=BEST_EFFORT_DAYS)
        runs = await self._uow.workouts.summaries_since(user.id, since, Activity.RUN)
        vdot = best_vdot((run.distance_m, run.duration_s) for run in runs)
        location = user.profile.location
        cell = cell_of(location) if location is not None else None
        if listed is not None and _unchanged(listed, cell, vdot, now):
            return False
        await self._uow.partners.put(user.id, cell, vdot, now)
        return True


def _unchanged(listed: Candidate, cell: int | None, vdot: float | None, now: datetime) -> bool:
    """Stored as it is now, and refreshed less than ACTIVE_EVERY ago."""
    at = listed.active_at
    return (
        (listed.cell, listed.vdot) == (cell, vdot) and at is not None and now - at < ACTIVE_EVERY
    )
