"""Reading a leaderboard: the top from the ordered index, a rank by counting who is ahead."""

from __future__ import annotations

from datetime import datetime

from domain.challenges.models import BOARD_SIZE, Board, Challenge
from domain.challenges.ports import ChallengeRepository


async def read_board(
    repository: ChallengeRepository, challenge: Challenge, asker_id: int | None, now: datetime
) -> Board:
    """The top ten, the team totals, the count and the asker's own place if they take part."""
    top = await repository.top(challenge.id, BOARD_SIZE)
    me = await repository.standing(challenge.id, asker_id) if asker_id is not None else None
    teams = await repository.teams(challenge.id) if challenge.rules.teams else []
    count = await repository.count(challenge.id)
    return Board(challenge, tuple(top), count, me, tuple(teams), now)
