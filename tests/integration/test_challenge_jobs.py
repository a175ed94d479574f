"""The challenge jobs on a real database: each post goes out once, across restarts too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.challenges.models import Board, Metric, PeriodKind, PostKind, PostState, Scope, Setup
from domain.challenges.posting import ChallengePosts
from scheduler.challenges import post_due_challenges
from tests.integration.test_challenges_repository import challenges, log, people

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)  # the end of this week, in UTC
Sessions = async_sessionmaker[AsyncSession]


class Announcer:
    def __init__(self) -> None:
        self.posts: list[tuple[PostKind, Board]] = []

    async def post(self, kind: PostKind, board: Board) -> bool:
        self.posts.append((kind, board))
        return True

    async def edit_board(self, board: Board) -> bool:
        return True


def uow_at(sessions: Sessions, at: datetime) -> SqlUnitOfWork:
    return SqlUnitOfWork(sessions, lambda: at)


async def tick(sessions: Sessions, announcer: Announcer, at: datetime) -> int:
    return await post_due_challenges(lambda: uow_at(sessions, at), lambda: at, announcer)


async def a_week_with_two_runners(sessions: Sessions) -> int:
    ann, ben = await people(sessions, 2)
    setup = Setup("Week", Metric.DISTANCE, PeriodKind.WEEK)
    board = await challenges(sessions).create(ann, Scope.GROUP, -1, setup)
    for user in (ann, ben):
        await challenges(sessions).join(user, board.challenge.code)
    await log(sessions, ben, "run 10k 52:30")
    await log(sessions, ann, "run 5k 26:00")
    return board.challenge.id


async def post_state(sessions: Sessions, challenge_id: int, kind: PostKind) -> PostState | None:
    async with uow_at(sessions, NOW) as uow:
        return await uow.challenges.post_state(challenge_id, kind)


async def test_the_reminder_and_the_results_are_posted_once(session_factory: Sessions) -> None:
    challenge_id = await a_week_with_two_runners(session_factory)
    announcer = Announcer()
    assert await tick(session_factory, announcer, NOW + timedelta(hours=1)) == 0, "started: posted"
    assert await tick(session_factory, announcer, END - timedelta(hours=23)) == 1
    assert await tick(session_factory, announcer, END - timedelta(hours=22)) == 0
    assert await tick(session_factory, announcer, END + timedelta(minutes=1)) == 1
    assert await tick(session_factory, announcer, END + timedelta(minutes=9)) == 0
    assert [kind for kind, _ in announcer.posts] == [PostKind.REMINDER, PostKind.END]
    results = announcer.posts[-1][1]
    assert [(s.first_name, s.total, s.rank) for s in results.top] == [
        ("U2", 10_000, 1), ("U1", 5000, 2)
    ]  # fmt: skip
    assert await post_state(session_factory, challenge_id, PostKind.END) is PostState.SENT


async def test_a_restart_between_claim_and_send_posts_the_results_once(
    session_factory: Sessions,
) -> None:
    challenge_id = await a_week_with_two_runners(session_factory)
    claimed_at = END + timedelta(minutes=1)
    claimed = await ChallengePosts(
        uow_at(session_factory, claimed_at), lambda: claimed_at
    ).claim_due(PostKind.END)
    assert [due.challenge_id for due in claimed] == [challenge_id]  # ... and the process dies
    announcer = Announcer()
    assert await tick(session_factory, announcer, END + timedelta(minutes=2)) == 0, "still fresh"
    assert await tick(session_factory, announcer, END + timedelta(minutes=4)) == 1, "taken over"
    assert await tick(session_factory, announcer, END + timedelta(minutes=30)) == 0
    assert [kind for kind, _ in announcer.posts] == [PostKind.END]


async def test_a_crash_while_sending_never_posts_the_results_twice(
    session_factory: Sessions,
) -> None:
    challenge_id = await a_week_with_two_runners(session_factory)
    at = END + timedelta(minutes=1)
    posts = ChallengePosts(uow_at(session_factory, at), lambda: at)
    (due,) = await posts.claim_due(PostKind.END)
    assert await ChallengePosts(uow_at(session_factory, at), lambda: at).begin(due) is not None
    # ... Telegram may have taken the message when the process died.
    announcer = Announcer()
    for minutes in (2, 5, 60):
        assert await tick(session_factory, announcer, END + timedelta(minutes=minutes)) == 0
    assert announcer.posts == []
    assert await post_state(session_factory, challenge_id, PostKind.END) is PostState.UNKNOWN


async def test_the_results_are_frozen_when_the_end_is_claimed(session_factory: Sessions) -> None:
    await a_week_with_two_runners(session_factory)
    announcer = Announcer()
    assert await tick(session_factory, announcer, END + timedelta(minutes=1)) == 1
    (ann,) = await people(session_factory, 1)
    logged = await log(session_factory, ann, "run 20k 1:45:00 yesterday")
    assert logged.announcements == ()
    board = await challenges(session_factory).board_in_chat(-1, ann.id)
    assert board.me is not None and board.me.total == 5000


async def test_a_later_start_is_posted_once_when_it_comes(session_factory: Sessions) -> None:
    (ann,) = await people(session_factory, 1)
    starts, ends = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 8, tzinfo=UTC)
    setup = Setup("Next week", Metric.WORKOUTS, PeriodKind.CUSTOM, custom=(starts, ends))
    await challenges(session_factory).create(ann, Scope.GROUP, -1, setup)
    announcer = Announcer()
    assert await tick(session_factory, announcer, NOW) == 0, "not yet"
    assert await tick(session_factory, announcer, starts + timedelta(seconds=30)) == 1
    assert await tick(session_factory, announcer, starts + timedelta(minutes=5)) == 0
    assert [kind for kind, _ in announcer.posts] == [PostKind.START]
