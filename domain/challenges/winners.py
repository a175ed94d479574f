"""Winners of ended challenges: recorded when the end is claimed, then each told once in
private what the win unlocked (ADR 0043)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.challenges.models import BOARD_SIZE, Challenge, Goal
from domain.clock import Clock
from domain.gamification.awards import GameFacts
from domain.gamification.models import Telling
from domain.gamification.service import GamificationService
from domain.notifications.models import DeliveryOutcome
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.events import Announcement

BATCH = 50
_TOLD = {
    DeliveryOutcome.SENT: Telling.SENT,
    DeliveryOutcome.BLOCKED: Telling.BLOCKED,
    DeliveryOutcome.FAILED: Telling.FAILED,
}


@dataclass(frozen=True, slots=True)
class Won:
    user: User
    challenge: Challenge
    unlocked: tuple[Announcement, ...]


class WinnerNotifier(Protocol):
    async def send_challenge_won(self, won: Won) -> DeliveryOutcome: ...


async def record_winners(uow: UnitOfWork, challenge: Challenge) -> list[int]:
    """Inside the end's claim: who reached the target ("reach N"), or who is first (ties
    share the place) with more than nothing."""
    if challenge.rules.goal is Goal.TARGET and challenge.rules.target is not None:
        winners = await uow.awards.reached(challenge.id, challenge.rules.target)
    else:
        top = await uow.challenges.top(challenge.id, BOARD_SIZE)
        winners = [s.user_id for s in top if s.rank == 1 and s.total > 0]
    await uow.awards.add_wins(challenge.id, winners, challenge.rules.ends_at)
    return winners


class WinnerNotices:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def claim(self) -> list[Won]:
        """Claim the winners not told yet and store what their wins unlocked, in one commit:
        a restart after it never tells twice, and a later workout never announces again."""
        claimed: list[Won] = []
        async with self._uow:
            for challenge_id, user_id in await self._uow.awards.pending_wins(BATCH):
                if not await self._uow.awards.claim_win(challenge_id, user_id):
                    continue
                user = await self._uow.users.get(user_id)
                challenge = await self._uow.challenges.get(challenge_id)
                if user is None or challenge is None:
                    continue
                game = GamificationService(self._uow, self._clock, GameFacts(self._uow))
                claimed.append(Won(user, challenge, tuple(await game.recheck(user))))
            await self._uow.commit()
        return claimed

    async def record(self, won: Won, outcome: DeliveryOutcome) -> None:
        """How the private message went; a claimed one is never sent again."""
        async with self._uow:
            await self._uow.awards.finish_win(won.challenge.id, won.user.id, _TOLD[outcome])
            await self._uow.commit()
