"""An imported file's climb is stored before the workout's listeners run: challenges count
it and elevation achievements see it on the card of the workout that earned them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wiring import wire_workouts
from db.uow import SqlUnitOfWork
from device_sync.files import FileParser
from domain.activities.models import ParsedActivity, ParsedFile
from domain.activities.service import Imported, ImportService
from domain.campaigns.admin import AdminService
from domain.challenges.facts import ImportedClimb, WorkoutFacts
from domain.challenges.models import Metric, PeriodKind, Scope, Setup
from domain.challenges.service import ChallengeService
from domain.users.models import TelegramIdentity, User
from domain.users.service import UserService
from domain.workouts.models import Activity
from tests.unit.domain.fakes import FakeTimezones

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]
CLIMBS = Setup("Climb week", Metric.ELEVATION, PeriodKind.WEEK, frozenset({Activity.RIDE}))


async def athlete(sessions: Sessions, user_id: int) -> User:
    users = UserService(SqlUnitOfWork(sessions, lambda: NOW), lambda: NOW, FakeTimezones())
    user, _ = await users.ensure(TelegramIdentity(user_id, f"U{user_id}", None, "en"))
    return user


def challenges(sessions: Sessions) -> ChallengeService:
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    facts = WorkoutFacts(climb=ImportedClimb(uow))
    return ChallengeService(uow, lambda: NOW, facts, AdminService(uow, lambda: NOW, ()))


async def import_ride(sessions: Sessions, user: User, climb_m: float, hours_ago: int) -> Imported:
    uow = SqlUnitOfWork(sessions, lambda: NOW)
    workouts = wire_workouts(uow, lambda: NOW).workouts
    imports = ImportService(uow, lambda: NOW, FileParser(), workouts)
    ride = ParsedActivity(
        activity=Activity.RIDE,
        sport="cycling",
        started_at=NOW - timedelta(hours=hours_ago),
        duration_s=3 * 3600.0,
        distance_m=75_000.0,
        elevation_gain_m=climb_m,
    )
    outcome = await imports.import_parsed(user, f"ride-{hours_ago}", ParsedFile((ride,)))
    await uow.close()
    assert isinstance(outcome, Imported)
    return outcome


async def test_a_climb_challenge_counts_the_metres_of_imported_files(
    session_factory: Sessions,
) -> None:
    organizer, rider = await athlete(session_factory, 1), await athlete(session_factory, 2)
    assert Metric.ELEVATION in challenges(session_factory).metrics
    board = await challenges(session_factory).create(organizer, Scope.GROUP, -1, CLIMBS)
    await challenges(session_factory).join(rider, board.challenge.code)
    first = await import_ride(session_factory, rider, 640.0, 30)
    await import_ride(session_factory, rider, 410.5, 6)
    keys = [a.key for a in first.workouts[0].logged.announcements]
    assert "challenges.counted" in keys
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        standing = await uow.challenges.standing(board.challenge.id, rider.id)
    assert standing is not None and standing.total == 1050.5


async def test_the_elevation_achievement_is_announced_on_the_ride_that_climbs_past_1000_m(
    session_factory: Sessions,
) -> None:
    rider = await athlete(session_factory, 3)
    below = await import_ride(session_factory, rider, 700.0, 30)
    above = await import_ride(session_factory, rider, 400.0, 6)
    unlocked = "achievement.elevation.unlocked"
    assert unlocked not in [a.key for a in below.workouts[0].logged.announcements]
    assert unlocked in [a.key for a in above.workouts[0].logged.announcements]
