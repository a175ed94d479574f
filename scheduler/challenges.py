"""Challenge jobs: the start, reminder and end posts, and the leaderboard edits."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.challenges.models import Due, PostKind
from domain.challenges.posting import ChallengeAnnouncer, ChallengePosts
from domain.challenges.winners import WinnerNotices, WinnerNotifier
from domain.clock import Clock
from domain.notifications.models import DeliveryOutcome
from domain.ports import UnitOfWork

logger = logging.getLogger(__name__)


async def post_due_challenges(
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    announcer: ChallengeAnnouncer,
    winners: WinnerNotifier | None = None,
) -> int:
    """Claim the due posts of every kind, then send each: committed `sending` first, so a
    crash in between never posts twice (ADR 0037); then tell the winners, once each."""
    posted = 0
    for kind in (PostKind.START, PostKind.REMINDER, PostKind.END):
        for due in await ChallengePosts(uow_factory(), clock).claim_due(kind):
            posted += await _post(due, uow_factory, clock, announcer)
    if winners is not None:
        posted += await tell_winners(uow_factory, clock, winners)
    return posted


async def tell_winners(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: WinnerNotifier
) -> int:
    """Each winner's achievements, stored with the claim, then told in private once."""
    told = 0
    for won in await WinnerNotices(uow_factory(), clock).claim():
        try:
            outcome = await notifier.send_challenge_won(won)
        except Exception:
            # Left claimed: never sent again (at most once, like every scheduled message).
            logger.exception("challenge %s: winner %s not told", won.challenge.id, won.user.id)
            continue
        await WinnerNotices(uow_factory(), clock).record(won, outcome)
        told += int(outcome is DeliveryOutcome.SENT)
    return told


async def _post(
    due: Due, uow_factory: Callable[[], UnitOfWork], clock: Clock, announcer: ChallengeAnnouncer
) -> int:
    board = await ChallengePosts(uow_factory(), clock).begin(due)
    if board is None:
        return 0
    try:
        sent = await announcer.post(due.kind, board)
    except Exception:
        # The post is left `sending`: after a while it becomes `unknown`, never resent.
        logger.exception("challenge %s: %s post failed", due.challenge_id, due.kind)
        return 0
    await ChallengePosts(uow_factory(), clock).record(due, sent)
    return int(sent)


async def edit_challenge_boards(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, announcer: ChallengeAnnouncer
) -> int:
    """Edit each changed leaderboard message, at most once a minute per challenge."""
    edited = 0
    for board in await ChallengePosts(uow_factory(), clock).boards_due():
        try:
            done = await announcer.edit_board(board)
        except Exception:
            logger.exception("challenge %s: leaderboard edit failed", board.challenge.id)
            continue
        await ChallengePosts(uow_factory(), clock).board_edited(board)
        edited += int(done)
    return edited
