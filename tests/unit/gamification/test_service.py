"""The listener keeps XP, levels and achievements true to the journal as it changes."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.gamification.models import Earned
from domain.gamification.service import GamificationService
from domain.users.models import Language, Units, User
from domain.workouts.entries import WorkoutEdit
from domain.workouts.events import Announcement
from domain.workouts.models import Activity, WorkoutDraft, WorkoutSource
from domain.workouts.service import Logged, WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
ANN = User(1, "Ann", None, Language.EN, Units.METRIC, "Asia/Tokyo", NOW)


def services() -> tuple[FakeUnitOfWork, WorkoutService, GamificationService]:
    uow = FakeUnitOfWork()
    game = GamificationService(uow, lambda: NOW)
    return uow, WorkoutService(uow, lambda: NOW, [game]), game


def keys(said: tuple[Announcement, ...]) -> list[str]:
    return [line.key for line in said]


async def test_a_workout_earns_its_xp_once_and_an_edit_replaces_it() -> None:
    uow, workouts, _ = services()
    logged = await workouts.log_text(ANN, "run 30 min")
    assert isinstance(logged, Logged)
    assert logged.announcements[0] == Announcement(
        "gamification.xp_gained",
        {"xp": 32, "level": 1, "bar": "▰▰▰▱▱▱▱▱▱▱", "into": 32, "needed": 100},
    )
    await workouts.edit(ANN, logged.workout.id, WorkoutEdit(duration_s=3600))
    assert [e.xp for e in uow.gamification.ledger.values()] == [55]
    assert await uow.gamification.total(ANN.id) == 55


async def test_deleting_a_workout_recomputes_xp_level_and_achievements() -> None:
    uow, workouts, game = services()
    ride = WorkoutDraft(Activity.RIDE, 3 * 3600, 90_000)
    first = await workouts.log(ANN, ride, WorkoutSource.TEXT)
    assert "gamification.level_up" in keys(first.announcements), "10 + 180 x 0.75 = 145"
    second = await workouts.log_text(ANN, "yesterday run 10k 50:00")
    assert isinstance(second, Logged)
    assert await uow.gamification.total(ANN.id) == 145 + 96
    await workouts.delete(ANN, first.workout.id)
    assert await uow.gamification.total(ANN.id) == 96
    earned = {(e.achievement_id, e.tier): e for e in await uow.gamification.earned(ANN.id)}
    assert earned[("first_workout", 1)].active, "the run still holds it"
    assert not earned[("long_session", 1)].active, "the 3-hour ride was the only long one"
    view = await game.overview(ANN)
    assert view.level.level == 1
    assert "long_session" not in {item.achievement.id for item in view.earned}


async def test_the_day_cap_is_shared_out_again_when_a_workout_goes() -> None:
    uow, workouts, _ = services()
    big = await workouts.log_text(ANN, "ride 3h 90km rpe 8")
    small = await workouts.log_text(ANN, "run 30 min")
    assert isinstance(big, Logged) and isinstance(small, Logged)
    assert uow.gamification.ledger[small.workout.id].xp == 0, "the ride took the day's 300"
    await workouts.delete(ANN, big.workout.id)
    assert uow.gamification.ledger[small.workout.id].xp == 32
    assert big.workout.id not in uow.gamification.ledger


async def test_a_regained_achievement_is_restored_silently() -> None:
    uow, workouts, _ = services()
    logged = await workouts.log_text(ANN, "run 5k 25:00")
    assert isinstance(logged, Logged)
    assert "achievement.first_workout.unlocked" in keys(logged.announcements)
    await workouts.delete(ANN, logged.workout.id)
    [revoked] = [
        e for e in await uow.gamification.earned(ANN.id) if e.achievement_id == "first_workout"
    ]
    assert isinstance(revoked, Earned) and not revoked.active
    again = await workouts.log_text(ANN, "run 5k 25:00")
    assert isinstance(again, Logged)
    assert "achievement.first_workout.unlocked" not in keys(again.announcements)
    [restored] = [
        e for e in await uow.gamification.earned(ANN.id) if e.achievement_id == "first_workout"
    ]
    assert restored.active
