"""Weekly leagues: joining with the week's first XP, /league, and the week's close."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime

from domain.clock import Clock
from domain.gamification.leagues import (
    GROUP_SIZE,
    MOVE_SHARE,
    form_groups,
    league_week,
    outcomes,
    standings,
    week_span,
)
from domain.gamification.models import LeagueMember, Telling
from domain.gamification.ports import GamificationNotifier
from domain.gamification.views import LeagueResult, LeagueView, Standing
from domain.notifications.models import DeliveryOutcome
from domain.ports import UnitOfWork
from domain.users.models import User

logger = logging.getLogger(__name__)

TELL_BATCH = 100
_TELLING = {
    DeliveryOutcome.SENT: Telling.SENT,
    DeliveryOutcome.BLOCKED: Telling.BLOCKED,
    DeliveryOutcome.FAILED: Telling.FAILED,
}


async def join_league(uow: UnitOfWork, user_id: int, started_at: datetime, now: datetime) -> None:
    """Inside the caller's unit of work: a workout of this league week puts an athlete not
    yet placed into the open group of the tier their last week left them in."""
    week = league_week(now)
    start, end = week_span(week)
    if not start <= started_at < end or await uow.gamification.member(user_id, week):
        return
    tier = tier_after(await uow.gamification.last_member(user_id))
    group_no = await uow.gamification.open_group(week, tier, GROUP_SIZE)
    await uow.gamification.put_member(LeagueMember(week, user_id, tier, group_no, now))


def tier_after(last: LeagueMember | None) -> int:
    """The tier the last league week leaves the athlete in (its own, while it is open)."""
    if last is None:
        return 0
    return last.next_tier if last.outcome is not None else last.tier


class LeagueService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def view(self, user: User) -> LeagueView:
        """This week's group, most XP first, first names only; the athlete's rank."""
        now = self._clock()
        week = league_week(now)
        ends_at = week_span(week)[1]
        async with self._uow:
            await self._uow.read_only()
            member = await self._uow.gamification.member(user.id, week)
            if member is None:
                last = await self._uow.gamification.last_member(user.id)
                return LeagueView(tier_after(last), week, ends_at)
            ranked = await self._ranked(member.week, member.tier, member.group_no)
            names = await self._uow.gamification.first_names([uid for uid, _ in ranked])
        rows = tuple(
            Standing(rank, names.get(uid, "?"), xp, uid == user.id)
            for rank, (uid, xp) in enumerate(ranked, start=1)
        )
        rank = next(row.rank for row in rows if row.me)
        moves = len(rows) // MOVE_SHARE
        return LeagueView(member.tier, week, ends_at, rows, rank, max(1, moves), moves)

    async def _ranked(self, week: date, tier: int, group_no: int) -> list[tuple[int, int]]:
        members = await self._uow.gamification.group(week, tier, group_no)
        start, end = week_span(week)
        ids = [m.user_id for m in members]
        xp = await self._uow.gamification.between(ids, start, end)
        return standings([(uid, xp.get(uid, 0)) for uid in ids])

    async def close_weeks(self) -> int:
        """Every ended league week, once: ranks and moves recorded, next week's groups formed
        from those who earned XP; each in one transaction, so a crash leaves it for the next
        run and a second run finds it closed."""
        now = self._clock()
        closed = 0
        async with self._uow:
            weeks = await self._uow.gamification.weeks_to_close(league_week(now))
        for week in weeks:
            async with self._uow:
                if await self._uow.gamification.close_week(week, now):
                    await self._close(week, now)
                    closed += 1
                await self._uow.commit()
        return closed

    async def _close(self, week: date, now: datetime) -> None:
        members = await self._uow.gamification.week_members(week)
        groups = sorted({(m.tier, m.group_no) for m in members})
        carried: dict[int, list[tuple[int, int]]] = {}
        for tier, group_no in groups:
            ranked = await self._ranked(week, tier, group_no)
            moved = outcomes(ranked, tier)
            by_id = {m.user_id: m for m in members if (m.tier, m.group_no) == (tier, group_no)}
            for rank, (user_id, xp) in enumerate(ranked, start=1):
                done = replace(by_id[user_id], final_xp=xp, rank=rank, outcome=moved[user_id],
                               told=Telling.PENDING)  # fmt: skip
                await self._uow.gamification.put_member(done)
                if xp > 0:
                    carried.setdefault(done.next_tier, []).append((user_id, xp))
        following = league_week(week_span(week)[1])
        for tier, athletes in carried.items():
            for group_no, user_ids in enumerate(form_groups(athletes), start=1):
                for user_id in user_ids:
                    await self._place(LeagueMember(following, user_id, tier, group_no, now))

    async def _place(self, placed: LeagueMember) -> None:
        """Into its formed group; one who joined early (before this close ran) keeps the
        place taken unless the close moved them to another tier."""
        ledger = self._uow.gamification
        early = await ledger.member(placed.user_id, placed.week)
        if early is None:
            await ledger.put_member(placed)
        elif early.tier != placed.tier:
            group_no = await ledger.open_group(placed.week, placed.tier, GROUP_SIZE)
            await ledger.put_member(replace(early, tier=placed.tier, group_no=group_no))

    async def tell_results(self, notifier: GamificationNotifier) -> int:
        """Each closed week's result to each member, at most once (claimed, then sent)."""
        async with self._uow:
            pending = await self._uow.gamification.untold(TELL_BATCH)
            claimed = [
                m for m in pending if await self._uow.gamification.claim_telling(m.week, m.user_id)
            ]
            await self._uow.commit()
        sent = 0
        for member in claimed:
            if await self._tell(member, notifier) is DeliveryOutcome.SENT:
                sent += 1
        return sent

    async def _tell(
        self, member: LeagueMember, notifier: GamificationNotifier
    ) -> DeliveryOutcome | None:
        async with self._uow:
            user = await self._uow.users.get(member.user_id)
            size = len(await self._uow.gamification.group(member.week, member.tier,
                                                          member.group_no))  # fmt: skip
        if user is None or member.outcome is None or member.rank is None:
            return None
        result = LeagueResult(member.tier, member.next_tier, member.rank, size,
                              member.final_xp or 0, member.outcome)  # fmt: skip
        try:
            outcome = await notifier.send_league_result(user, result)
        except Exception:
            logger.exception("league result for user %s failed", member.user_id)
            outcome = DeliveryOutcome.FAILED
        async with self._uow:
            await self._uow.gamification.finish_telling(member.week, member.user_id,
                                                        _TELLING[outcome])  # fmt: skip
            await self._uow.commit()
        return outcome
