"""Plan generation: ramp, lighter fourth weeks, taper, training days, level."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from domain.plans.generation import (
    MIN_WEEKS,
    PlanTooShortError,
    first_monday,
    generate,
)
from domain.plans.models import GoalKind, PlanGoal, PlanWeek, RaceClass, SessionKind, WeekRole
from domain.plans.sessions import Athlete
from domain.users.models import Level, Weekday
from domain.workouts.models import Activity

TODAY = date(2026, 11, 24)  # a Tuesday
MONDAY = date(2026, 11, 30)
HALF = PlanGoal(GoalKind.RACE, 21_097.5)
ATHLETE = Athlete(Level.INTERMEDIATE, (Weekday.MON, Weekday.WED, Weekday.FRI, Weekday.SUN), 45.0)


def build_weeks(weeks: tuple[PlanWeek, ...]) -> list[PlanWeek]:
    return [week for week in weeks if week.role is WeekRole.BUILD]


def test_a_plan_starts_next_monday_or_today_on_a_monday() -> None:
    assert first_monday(TODAY) == MONDAY
    assert first_monday(MONDAY) == MONDAY
    weeks = generate(HALF, ATHLETE, TODAY)
    assert [week.starts_on for week in weeks[:2]] == [MONDAY, MONDAY + timedelta(weeks=1)]


@pytest.mark.parametrize(
    ("race", "weeks"),
    [(RaceClass.FIVE_K, 8), (RaceClass.TEN_K, 10), (RaceClass.HALF, 12), (RaceClass.MARATHON, 16)],
)
def test_default_lengths_by_distance(race: RaceClass, weeks: int) -> None:
    distance = {"5k": 5000.0, "10k": 10_000.0, "half": 21_097.5, "marathon": 42_195.0}[race]
    assert len(generate(PlanGoal(GoalKind.RACE, distance), ATHLETE, TODAY)) == weeks


def test_build_weeks_ramp_by_at_most_ten_percent() -> None:
    goal = PlanGoal(GoalKind.RACE, 42_195.0, race_date=date(2027, 6, 6))
    builds = build_weeks(generate(goal, ATHLETE, TODAY))
    for before, after in pairwise(builds):
        assert after.target_minutes <= before.target_minutes * 1.10
    assert builds[-1].target_minutes > builds[0].target_minutes, "it does build up"


def test_every_fourth_week_is_a_quarter_lighter() -> None:
    weeks = generate(PlanGoal(GoalKind.RACE, 42_195.0), ATHLETE, TODAY)
    for week in weeks[3:12:4]:
        assert week.role is WeekRole.RECOVERY
        before = weeks[week.index - 1].target_minutes
        assert 0.70 * before <= week.target_minutes <= 0.75 * before
        assert SessionKind.QUALITY not in {s.kind for s in week.sessions}


def test_the_race_is_preceded_by_a_taper() -> None:
    weeks = generate(HALF, ATHLETE, TODAY)
    peak = max(week.target_minutes for week in weeks)
    assert [week.role for week in weeks[-2:]] == [WeekRole.TAPER, WeekRole.TAPER]
    assert weeks[-2].target_minutes == int(weeks[-3].target_minutes * 0.8)
    assert weeks[-1].target_minutes == int(weeks[-3].target_minutes * 0.6)
    assert weeks[-1].target_minutes < weeks[-2].target_minutes < peak
    race = weeks[-1].sessions[-1]
    assert race.kind is SessionKind.RACE
    assert race.day == weeks[-1].starts_on + timedelta(days=6), "the last training day, Sunday"


def test_a_dated_race_is_on_its_date_with_a_rest_day_before() -> None:
    goal = PlanGoal(GoalKind.RACE, 10_000.0, 3000, date(2027, 2, 20))  # a Saturday
    weeks = generate(goal, ATHLETE, TODAY)
    last = weeks[-1]
    assert last.sessions[-1].day == date(2027, 2, 20)
    assert last.sessions[-1].duration_s == 3000
    assert all(s.day < date(2027, 2, 19) for s in last.sessions[:-1])


def test_sessions_fall_on_training_days_only() -> None:
    days = {0, 2, 4, 6}
    for week in generate(HALF, ATHLETE, TODAY):
        assert all(
            session.day.weekday() in days for session in week.sessions[:-1] or week.sessions
        )


def test_the_long_run_is_at_most_thirty_percent_of_the_week() -> None:
    for week in generate(HALF, ATHLETE, TODAY)[:-1]:
        long = [s for s in week.sessions if s.kind is SessionKind.LONG]
        assert len(long) == 1
        assert long[0].duration_s <= 0.30 * week.target_minutes * 60
        assert long[0].day.weekday() == 6, "on Sunday, a weekend day"


def test_paces_come_from_vdot() -> None:
    week = generate(HALF, ATHLETE, TODAY)[1]
    easy = next(s for s in week.sessions if s.kind is SessionKind.EASY)
    quality = next(s for s in week.sessions if s.kind is SessionKind.QUALITY)
    assert easy.speed_mps is not None and easy.fast_mps is not None
    assert easy.speed_mps < easy.fast_mps
    assert quality.speed_mps is not None and quality.speed_mps > easy.fast_mps
    assert easy.distance_m == pytest.approx(
        easy.duration_s * (easy.speed_mps + easy.fast_mps) / 2, abs=100
    )


def test_a_beginner_gets_fewer_days_less_volume_and_no_hard_sessions_at_first() -> None:
    beginner = generate(HALF, Athlete(Level.BEGINNER, (), 30.0), TODAY)
    advanced = generate(HALF, Athlete(Level.ADVANCED, (), 50.0), TODAY)
    assert {s.day.weekday() for s in beginner[0].sessions} == {1, 3, 5}
    assert len(advanced[0].sessions) == 5
    assert all(s.kind is not SessionKind.QUALITY for w in beginner[:2] for s in w.sessions)
    assert sum(s.kind is SessionKind.QUALITY for s in advanced[0].sessions) == 2
    assert max(w.target_minutes for w in beginner) < max(w.target_minutes for w in advanced)


def test_the_journal_sets_the_starting_volume() -> None:
    athlete = Athlete(Level.INTERMEDIATE, ATHLETE.days, 45.0, base_minutes=200)
    assert generate(HALF, athlete, TODAY)[0].target_minutes == 200
    assert generate(HALF, ATHLETE, TODAY)[0].target_minutes == 150, "the level's default"


def test_a_race_too_soon_names_the_earliest_sensible_date() -> None:
    goal = PlanGoal(GoalKind.RACE, 42_195.0, race_date=TODAY + timedelta(weeks=2))
    with pytest.raises(PlanTooShortError) as error:
        generate(goal, Athlete(Level.BEGINNER, (), 30.0), TODAY)
    weeks = MIN_WEEKS[RaceClass.MARATHON][0]
    assert error.value.params == {
        "weeks": weeks,
        "earliest": (MONDAY + timedelta(weeks=weeks, days=-1)).isoformat(),
    }
    advanced = Athlete(Level.ADVANCED, (), 50.0)
    soon = PlanGoal(GoalKind.RACE, 42_195.0, race_date=MONDAY + timedelta(weeks=10, days=-1))
    assert len(generate(soon, advanced, TODAY)) == 10, "an advanced runner may go sooner"


def test_strength_goals_place_n_full_body_sessions_with_progression() -> None:
    goal = PlanGoal(GoalKind.STRENGTH, sessions_per_week=3)
    weeks = generate(goal, Athlete(Level.INTERMEDIATE, (), 40.0, Activity.STRENGTH), TODAY)
    assert len(weeks) == 12
    for week in weeks:
        assert len(week.sessions) == 3
        assert all(s.kind is SessionKind.STRENGTH and len(s.exercises) == 3 for s in week.sessions)
    reps = [weeks[i].sessions[0].exercises[0].reps for i in range(4)]
    assert reps == [10, 8, 6, 8], "heavier each week, then a lighter one"
    assert weeks[3].sessions[0].exercises[0].sets < weeks[2].sessions[0].exercises[0].sets
    names = {e.name for s in weeks[0].sessions for e in s.exercises}
    assert {"squat", "deadlift", "bench_press"} <= names


def test_strength_sessions_use_the_athletes_days_when_there_are_enough() -> None:
    days = (Weekday.MON, Weekday.TUE, Weekday.THU, Weekday.SAT)
    goal = PlanGoal(GoalKind.STRENGTH, sessions_per_week=2)
    weeks = generate(goal, Athlete(Level.BEGINNER, days, 30.0, Activity.STRENGTH), TODAY)
    assert [s.day.weekday() for s in weeks[0].sessions] == [0, 3]
