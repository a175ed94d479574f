"""XP awards and challenge winners on SQLite and PostgreSQL: the end job records the winners
with the end's claim, tells each once with what the win unlocked, and never again."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.wiring import wire_workouts
from db.tables import ChallengeRow
from db.uow import SqlUnitOfWork
from domain.challenges.models import Board, PostKind, Scope
from domain.challenges.winners import Won
from domain.gamification.awards import LedgerXp
from domain.notifications.models import DeliveryOutcome
from domain.workouts.service import Logged
from scheduler.challenges import post_due_challenges
from tests.integration.test_challenges_repository import NOW, RUNS, Sessions, challenges, people

LATER = NOW + timedelta(days=8)


class Posts:
    async def post(self, kind: PostKind, board: Board) -> bool:
        return True

    async def edit_board(self, board: Board) -> bool:
        return True


class Winners:
    def __init__(self) -> None:
        self.told: list[Won] = []

    async def send_challenge_won(self, won: Won) -> DeliveryOutcome:
        self.told.append(won)
        return DeliveryOutcome.SENT


async def test_an_xp_award_counts_once_per_reason(session_factory: Sessions) -> None:
    (ann,) = await people(session_factory, 1)
    for _ in range(2):
        async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
            await LedgerXp(uow, lambda: NOW).award(ann.id, 150, "promo:GIFT")
            await uow.commit()
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        assert await uow.awards.xp_awarded(ann.id) == 150
        assert await uow.gamification.total(ann.id) == 0, "not training XP: no cap, no league"
        assert [a.reason for a in await uow.awards.xp_awards(ann.id)] == ["promo:GIFT"]
        profile = await uow.gamification.profile(ann.id)
        assert profile is not None and profile.best_level == 2


async def test_the_winner_is_recorded_and_told_once(session_factory: Sessions) -> None:
    ann, ben = await people(session_factory, 2)
    board = await challenges(session_factory).create(ann, Scope.GROUP, -1, RUNS)
    for user in (ann, ben):
        await challenges(session_factory).join(user, board.challenge.code)
    for user, text in ((ann, "run 5k 30:00"), (ben, "run 8k 45:00")):
        uow = SqlUnitOfWork(session_factory, lambda: NOW)
        assert isinstance(await wire_workouts(uow, lambda: NOW).workouts.log_text(user, text),
                          Logged)  # fmt: skip
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        await uow.session.execute(update(ChallengeRow).values(ends_at=LATER - timedelta(hours=1)))
        await uow.commit()
    winners = Winners()
    factory = lambda: SqlUnitOfWork(session_factory, lambda: LATER)  # noqa: E731
    await post_due_challenges(factory, lambda: LATER, Posts(), winners)
    await post_due_challenges(factory, lambda: LATER, Posts(), winners)
    assert [w.user.id for w in winners.told] == [ben.id], "told once, the winner only"
    keys = [a.key for a in winners.told[0].unlocked]
    assert keys == ["achievement.first_challenge_won.unlocked"]
    async with SqlUnitOfWork(session_factory, lambda: LATER) as uow:
        assert await uow.awards.challenges_won(ben.id) == 1
        assert await uow.awards.challenges_won(ann.id) == 0
