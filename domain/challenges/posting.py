"""What the scheduler posts about challenges: start, reminder, end with the results, and
the leaderboard edits, each claimed in the database before it is sent (ADR 0037)."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from domain.challenges.boards import read_board
from domain.challenges.models import Board, Due, PostKind, PostState
from domain.challenges.winners import record_winners
from domain.clock import Clock
from domain.ports import UnitOfWork

BOARD_EVERY = timedelta(minutes=1)  # Telegram allows ~20 messages a minute in a group
CLAIM_STALE = timedelta(minutes=2)
BATCH = 50


class ChallengeAnnouncer(Protocol):
    async def post(self, kind: PostKind, board: Board) -> bool:
        """Post the start, the reminder or the results in the challenge's chat; True when
        Telegram took it."""
        ...

    async def edit_board(self, board: Board) -> bool:
        """Edit the challenge's leaderboard message; True when it shows the board now."""
        ...


class ChallengePosts:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def claim_due(self, kind: PostKind) -> list[Due]:
        """Claim what is due (and what a dead process claimed but never began to send);
        claiming the end finishes the challenge, freezing its results, in the same commit.
        Posts a crash left `sending` become `unknown` first: never posted twice."""
        now = self._clock()
        stale = now - CLAIM_STALE
        repository = self._uow.challenges
        claimed: list[Due] = []
        async with self._uow:
            await repository.lost_posts(stale)
            for challenge_id in await repository.stale_claims(kind, stale):
                if await repository.claim_post(challenge_id, kind, now, stale):
                    claimed.append(Due(challenge_id, kind))
            for challenge_id in await repository.due_posts(kind, now, BATCH):
                if await repository.claim_post(challenge_id, kind, now, stale):
                    if kind is PostKind.END:
                        await repository.finish(challenge_id)
                        await self._winners(challenge_id)
                    claimed.append(Due(challenge_id, kind))
            await self._uow.commit()
        return claimed

    async def begin(self, due: Due) -> Board | None:
        """Mark the claimed post `sending` (committed before Telegram is called) and read
        what it shows; None when another process began it."""
        now = self._clock()
        repository = self._uow.challenges
        async with self._uow:
            if not await repository.mark_post(due.challenge_id, due.kind, PostState.SENDING, now):
                return None
            board = await self._board(due.challenge_id)
            await self._uow.commit()
        return board

    async def record(self, due: Due, sent: bool) -> None:
        """The outcome of the send: sent, or failed (not retried: the chat may be gone)."""
        state = PostState.SENT if sent else PostState.FAILED
        async with self._uow:
            await self._uow.challenges.mark_post(due.challenge_id, due.kind, state, self._clock())
            await self._uow.commit()

    async def boards_due(self) -> list[Board]:
        """Leaderboards that changed and were last edited a minute ago or more."""
        now = self._clock()
        async with self._uow:
            await self._uow.read_only()
            ids = await self._uow.challenges.dirty(now - BOARD_EVERY, BATCH)
            return [await self._board(challenge_id) for challenge_id in ids]

    async def board_edited(self, board: Board) -> None:
        """The edit went out (or the message is gone): the mark it showed is cleared."""
        assert board.now is not None
        async with self._uow:
            await self._uow.challenges.board_edited(board.challenge.id, self._clock(), board.now)
            await self._uow.commit()

    async def _winners(self, challenge_id: int) -> None:
        challenge = await self._uow.challenges.get(challenge_id)
        if challenge is not None:
            await record_winners(self._uow, challenge)

    async def _board(self, challenge_id: int) -> Board:
        challenge = await self._uow.challenges.get(challenge_id)
        assert challenge is not None
        return await read_board(self._uow.challenges, challenge, None, self._clock())
