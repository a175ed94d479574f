"""Running totals follow every added, edited and deleted workout, exactly and idempotently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.campaigns.admin import AdminService
from domain.challenges.facts import WorkoutFacts
from domain.challenges.models import Entries, Goal, Metric, Mode, PeriodKind, Scope, Setup
from domain.challenges.progress import ChallengeProgress
from domain.challenges.service import ChallengeClosedError, ChallengeService
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Units, User
from domain.workouts.entries import WorkoutEdit
from domain.workouts.events import WorkoutChange, WorkoutEvent
from domain.workouts.models import Activity, Workout, WorkoutDraft, WorkoutSource
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "UTC", NOW)
BEN = User(2, "Ben", None, Language.EN, Units.METRIC, "UTC", NOW)
RUNS = Setup("Run week", Metric.DISTANCE, PeriodKind.WEEK, frozenset({Activity.RUN}))


class Points:
    """The XP feature's side of the port: 10 points a workout."""

    async def xp_of(self, workout: Workout) -> float:
        return 10.0

    async def same_day(self, workout: Workout) -> list[Workout]:
        return []


class World:
    def __init__(self, facts: WorkoutFacts | None = None) -> None:
        self.uow = FakeUnitOfWork()
        for user in (ANN, BEN):
            self.uow.users.committed[user.id] = user
        self.facts = facts or WorkoutFacts()
        self.challenges = ChallengeService(
            self.uow, lambda: NOW, self.facts, AdminService(self.uow, lambda: NOW, {ANN.id})
        )
        listener = ChallengeProgress(self.uow, lambda: NOW, self.facts)
        self.workouts = WorkoutService(self.uow, lambda: NOW, [listener])

    async def total(self, challenge_id: int, user: User = BEN) -> float:
        standing = await self.uow.challenges.standing(challenge_id, user.id)
        assert standing is not None
        return standing.total

    async def log(self, text: str, user: User = BEN) -> Logged:
        logged = await self.workouts.log_text(user, text)
        assert isinstance(logged, Logged)
        return logged


async def group_challenge(world: World, setup: Setup = RUNS) -> int:
    board = await world.challenges.create(ANN, Scope.GROUP, -100, setup)
    await world.challenges.join(BEN, board.challenge.code)
    return board.challenge.id


async def test_add_edit_and_delete_move_the_total_by_the_difference() -> None:
    world = World()
    challenge_id = await group_challenge(world)
    logged = await world.log("run 10k 52:30")
    assert [a.key for a in logged.announcements] == ["challenges.counted"]
    assert await world.total(challenge_id) == 10_000
    await world.log("run 5k 26:00")
    assert await world.total(challenge_id) == 15_000
    await world.workouts.edit(BEN, logged.workout.id, WorkoutEdit(distance_m=12_000))
    assert await world.total(challenge_id) == 17_000
    await world.workouts.edit(BEN, logged.workout.id, WorkoutEdit(activity=Activity.RIDE))
    assert await world.total(challenge_id) == 5_000, "a ride does not count in a run challenge"
    await world.workouts.edit(BEN, logged.workout.id, WorkoutEdit(activity=Activity.RUN))
    assert await world.total(challenge_id) == 17_000
    await world.workouts.delete(BEN, logged.workout.id)
    assert await world.total(challenge_id) == 5_000
    assert [c.workout_id for c in world.uow.challenges.contributed.values()] == [2]


async def test_replaying_a_change_counts_it_once() -> None:
    world = World()
    challenge_id = await group_challenge(world)
    logged = await world.log("run 10k 52:30")
    listener = ChallengeProgress(world.uow, lambda: NOW, world.facts)
    event = WorkoutEvent(BEN, WorkoutChange.ADDED, logged.workout)
    await listener.workout_changed(event)
    await listener.workout_changed(event)
    assert await world.total(challenge_id) == 10_000
    deleted = WorkoutEvent(BEN, WorkoutChange.DELETED, logged.workout)
    await listener.workout_changed(deleted)
    await listener.workout_changed(deleted)
    assert await world.total(challenge_id) == 0


async def test_a_void_sticks_through_edits_and_a_delete_takes_nothing_more() -> None:
    world = World()
    challenge_id = await group_challenge(world)
    logged = await world.log("run 10k 52:30")
    await world.log("run 5k 26:00")
    entry = await world.challenges.void(-100, challenge_id, logged.workout.id, ANN.id)
    assert entry.voided
    assert await world.total(challenge_id) == 5_000
    await world.workouts.edit(BEN, logged.workout.id, WorkoutEdit(distance_m=20_000))
    assert await world.total(challenge_id) == 5_000
    await world.workouts.delete(BEN, logged.workout.id)
    assert await world.total(challenge_id) == 5_000
    assert [e.action for e in world.uow.admins.entries] == ["challenge.void"]
    with pytest.raises(NotFoundError):
        await world.challenges.void(-100, challenge_id, logged.workout.id, ANN.id)
    with pytest.raises(NotFoundError):
        await world.challenges.void(-999, challenge_id, 2, ANN.id)  # another chat's challenge


async def test_device_only_challenges_tell_why_a_manual_log_does_not_count() -> None:
    world = World()
    setup = Setup("Devices", Metric.DURATION, PeriodKind.WEEK, entries=Entries.DEVICE_ONLY)
    challenge_id = await group_challenge(world, setup)
    logged = await world.log("run 10k 52:30 hr 150")
    assert [a.key for a in logged.announcements] == ["challenges.not_counted.manual"]
    draft = WorkoutDraft(
        Activity.RUN, 3000, 10_000, avg_hr=150, started_at=NOW - timedelta(hours=2)
    )
    async with world.uow:
        await world.workouts.store_weighed(BEN, draft, WorkoutSource.FILE)
    assert await world.total(challenge_id) == 3000


async def test_workouts_already_in_the_period_count_when_joining() -> None:
    world = World()
    await world.log("run 10k 52:30")
    await world.log("run 3k 15:00")
    challenge_id = await group_challenge(world)
    assert await world.total(challenge_id) == 13_000
    again = await world.challenges.join(BEN, world.uow.challenges.rows[challenge_id].code)
    assert not again.newly
    assert await world.total(challenge_id) == 13_000


async def test_teams_are_balanced_or_picked_and_their_totals_follow() -> None:
    world = World()
    setup = Setup(
        "Teams", Metric.WORKOUTS, PeriodKind.MONTH, mode=Mode.TEAMS, teams=("Red", "Blue")
    )
    board = await world.challenges.create(ANN, Scope.GROUP, -100, setup)
    code = board.challenge.code
    assert (await world.challenges.join(BEN, code)).team == "Red"
    assert (await world.challenges.join(ANN, code)).team == "Blue", "the smaller team"
    await world.log("run 5k 26:00")
    await world.log("run 5k 26:00")
    teams = await world.uow.challenges.teams(board.challenge.id)
    assert [(team.name, team.total) for team in teams] == [("Red", 2.0), ("Blue", 0.0)]


async def test_xp_is_measured_only_through_the_xp_source() -> None:
    setup = Setup("XP", Metric.XP, PeriodKind.WEEK)
    with pytest.raises(InvalidValueError):
        await World().challenges.create(ANN, Scope.GROUP, -100, setup)
    world = World(WorkoutFacts(xp=Points()))
    challenge_id = await group_challenge(world, setup)
    await world.log("run 5k 26:00")
    assert await world.total(challenge_id) == 10


async def test_personal_and_global_challenges_use_the_same_engine() -> None:
    world = World()
    target = Setup("My 50", Metric.DISTANCE, PeriodKind.MONTH, goal=Goal.TARGET, target=50_000)
    board = await world.challenges.create(BEN, Scope.PERSONAL, BEN.id, target)
    assert board.participants == 1, "the organizer is in at once"
    await world.log("run 10k 52:30")
    assert await world.total(board.challenge.id) == 10_000
    with pytest.raises(NotFoundError):
        await world.challenges.join(ANN, board.challenge.code)  # nobody else joins mine
    with pytest.raises(NotFoundError):
        await world.challenges.create(BEN, Scope.GLOBAL, BEN.id, RUNS)  # not a bot admin
    monthly = await world.challenges.create(ANN, Scope.GLOBAL, ANN.id, RUNS)
    joined = await world.challenges.join(BEN, monthly.challenge.code)
    assert joined.standing.total == 10_000


async def test_a_finished_challenge_is_frozen() -> None:
    world = World()
    challenge_id = await group_challenge(world)
    await world.uow.challenges.finish(challenge_id)
    logged = await world.log("run 10k 52:30")
    assert logged.announcements == ()
    assert await world.total(challenge_id) == 0
    with pytest.raises(ChallengeClosedError):
        await world.challenges.join(ANN, world.uow.challenges.rows[challenge_id].code)
