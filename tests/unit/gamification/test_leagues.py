"""Leagues: who moves, how groups form, and the week's close run once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.gamification.leagues import LEAGUE_TIERS, form_groups, league_week, outcomes
from domain.gamification.leagues_service import LeagueService
from domain.gamification.models import LeagueOutcome, Telling
from domain.gamification.service import GamificationService
from domain.users.models import Language, Units, User
from domain.workouts.service import WorkoutService
from tests.unit.domain.fakes import FakeUnitOfWork
from tests.unit.gamification.fakes import FakeGamificationNotifier

WEDNESDAY = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)


def test_the_league_week_starts_on_monday_in_utc() -> None:
    assert league_week(WEDNESDAY) == date(2026, 11, 23)
    assert league_week(NEXT_MONDAY) == date(2026, 11, 30)


def test_a_sixth_goes_up_and_a_sixth_goes_down() -> None:
    ranked = [(uid, 1000 - uid * 10) for uid in range(30)]
    moved = outcomes(ranked, tier=2)
    up = [uid for uid, o in moved.items() if o is LeagueOutcome.PROMOTED]
    down = [uid for uid, o in moved.items() if o is LeagueOutcome.DEMOTED]
    assert up == [0, 1, 2, 3, 4]
    assert down == [25, 26, 27, 28, 29]


def test_no_one_leaves_the_ends_of_the_ladder_and_zero_xp_never_goes_up() -> None:
    ranked = [(uid, 100 - uid) for uid in range(12)]
    assert LeagueOutcome.DEMOTED not in outcomes(ranked, tier=0).values()
    top = len(LEAGUE_TIERS) - 1
    assert LeagueOutcome.PROMOTED not in outcomes(ranked, tier=top).values()
    assert outcomes([(1, 0), (2, 0)], tier=1) == {
        1: LeagueOutcome.STAYED,
        2: LeagueOutcome.STAYED,
    }
    assert outcomes([(1, 40)], tier=0) == {1: LeagueOutcome.PROMOTED}, "a lone winner moves up"


def test_groups_of_about_thirty_keep_neighbours_in_xp_together() -> None:
    groups = form_groups([(uid, uid * 3) for uid in range(65)])
    assert [len(g) for g in groups] == [22, 22, 21]
    assert groups[0][0] == 64 and groups[-1][-1] == 0


async def test_the_close_runs_once_and_each_member_is_told_once() -> None:
    uow = FakeUnitOfWork()
    for uid in range(1, 8):
        user = User(uid, f"A{uid}", None, Language.EN, Units.METRIC, "Europe/Berlin", WEDNESDAY)
        uow.users.committed[uid] = user
        workouts = WorkoutService(
            uow, lambda: WEDNESDAY, [GamificationService(uow, lambda: WEDNESDAY)]
        )
        await workouts.log_text(user, f"run {uid * 10} min")
    leagues = LeagueService(uow, lambda: NEXT_MONDAY)
    assert await leagues.close_weeks() == 1
    assert await leagues.close_weeks() == 0
    notifier = FakeGamificationNotifier()
    assert await leagues.tell_results(notifier) == 7
    assert await leagues.tell_results(notifier) == 0
    results = dict(notifier.results)
    assert results[7].rank == 1 and results[7].outcome is LeagueOutcome.PROMOTED
    assert results[1].rank == 7 and results[1].outcome is LeagueOutcome.STAYED
    week = date(2026, 11, 23)
    assert all(uow.gamification.members[(week, uid)].told is Telling.SENT for uid in results)
    placed = uow.gamification.members[(date(2026, 11, 30), 7)]
    assert placed.tier == 1, "the winner starts next week a league up"
