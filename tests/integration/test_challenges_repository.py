"""The challenge repository on SQLite and PostgreSQL: totals, ranks, contributions, voids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.uow import SqlUnitOfWork
from domain.campaigns.admin import AdminService
from domain.challenges.facts import WorkoutFacts
from domain.challenges.models import Goal, Metric, Mode, PeriodKind, Scope, Setup
from domain.challenges.progress import ChallengeProgress
from domain.challenges.service import ChallengeService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.entries import WorkoutEdit
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]
RUNS = Setup("Run week", Metric.DISTANCE, PeriodKind.WEEK)


async def people(sessions: Sessions, count: int) -> list[User]:
    found = []
    for user_id in range(1, count + 1):
        service = UserService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW, FakeTimezones())
        user, _ = await service.ensure(TelegramIdentity(user_id, f"U{user_id}", None, "en"))
        found.append(user)
    return found


def challenges(sessions: Sessions) -> ChallengeService:
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    return ChallengeService(uow, lambda: NOW, WorkoutFacts(), AdminService(uow, lambda: NOW, ()))


def workouts(sessions: Sessions) -> WorkoutService:
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    listener = ChallengeProgress(uow, lambda: NOW, WorkoutFacts())
    return WorkoutService(uow, lambda: NOW, [listener])


async def log(sessions: Sessions, user: User, text: str) -> Logged:
    logged = await workouts(sessions).log_text(user, text)
    assert isinstance(logged, Logged)
    return logged


async def test_ranks_count_who_is_ahead_and_ties_share_a_place(session_factory: Sessions) -> None:
    users = await people(session_factory, 5)
    board = await challenges(session_factory).create(users[0], Scope.GROUP, -1, RUNS)
    code = board.challenge.code
    for user in users:
        await challenges(session_factory).join(user, code)
    texts = ["run 5k 30:00", "run 8k 45:00", "run 8k 44:00", "run 3k 20:00"]
    for user, text in zip(users[:4], texts, strict=True):
        await log(session_factory, user, text)
    top = await challenges(session_factory).board_in_chat(-1, users[4].id)
    assert [(s.first_name, s.total, s.rank) for s in top.top] == [
        ("U2", 8000, 1), ("U3", 8000, 1), ("U1", 5000, 3), ("U4", 3000, 4), ("U5", 0, 5)
    ]  # fmt: skip
    assert top.me is not None and top.me.rank == 5
    assert top.participants == 5


async def test_edits_and_deletes_keep_the_stored_total_exact(session_factory: Sessions) -> None:
    (ann,) = await people(session_factory, 1)
    board = await challenges(session_factory).create(ann, Scope.GROUP, -1, RUNS)
    await challenges(session_factory).join(ann, board.challenge.code)
    first = await log(session_factory, ann, "run 10k 52:30")
    await log(session_factory, ann, "walk 4k 45:00")
    await workouts(session_factory).edit(ann, first.workout.id, WorkoutEdit(distance_m=11_000))
    mine = await challenges(session_factory).my_board(ann)
    assert mine.me is not None and mine.me.total == 15_000
    await workouts(session_factory).delete(ann, first.workout.id)
    challenge, entries = await challenges(session_factory).entries(-1)
    assert [(e.activity, e.value) for e in entries] == [("walk", 4000)]
    mine = await challenges(session_factory).my_board(ann)
    assert mine.me is not None and mine.me.total == 4000
    assert challenge.id == board.challenge.id


async def test_a_void_drops_the_total_and_the_team_total(session_factory: Sessions) -> None:
    ann, ben = await people(session_factory, 2)
    setup = Setup("Teams", Metric.DURATION, PeriodKind.WEEK, mode=Mode.TEAMS, teams=("A", "B"))
    board = await challenges(session_factory).create(ann, Scope.GROUP, -1, setup)
    await challenges(session_factory).join(ann, board.challenge.code, 1)
    await challenges(session_factory).join(ben, board.challenge.code, 1)
    logged = await log(session_factory, ann, "run 10k 50:00")
    await log(session_factory, ben, "run 5k 25:00")
    await challenges(session_factory).void(-1, board.challenge.id, logged.workout.id, ben.id)
    top = await challenges(session_factory).board_in_chat(-1, None)
    assert [(t.name, t.total, t.members) for t in top.teams] == [("B", 1500, 2), ("A", 0, 0)]
    assert [(s.first_name, s.total) for s in top.top] == [("U2", 1500), ("U1", 0)]


async def test_workouts_outside_the_period_or_after_the_end_do_not_count(
    session_factory: Sessions,
) -> None:
    (ann,) = await people(session_factory, 1)
    goal = Setup("Mine", Metric.DISTANCE, PeriodKind.WEEK, goal=Goal.TARGET, target=50_000)
    board = await challenges(session_factory).create(ann, Scope.PERSONAL, ann.id, goal)
    await log(session_factory, ann, "run 10k 52:30 last friday")
    mine = await challenges(session_factory).my_board(ann)
    assert mine.me is not None and mine.me.total == 0
    assert board.challenge.rules.starts_at - timedelta(days=1) < NOW
