"""Goals in free text, English and Russian."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidValueError
from domain.plans.goals import parse_goal, parse_goal_date, parse_goal_time
from domain.plans.models import GoalKind, PlanGoal

TODAY = date(2026, 11, 24)
HALF, MARATHON = 21_097.5, 42_195.0


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("5k under 25:00 by 1 March", PlanGoal(GoalKind.RACE, 5000.0, 1500, date(2027, 3, 1))),
        ("10k in 50 min by 2027-05-01", PlanGoal(GoalKind.RACE, 10_000.0, 3000, date(2027, 5, 1))),
        ("first half marathon", PlanGoal(GoalKind.RACE, HALF)),
        ("marathon by 10 October", PlanGoal(GoalKind.RACE, MARATHON, None, date(2027, 10, 10))),
        (
            "sub 3:30 marathon on March 5",
            PlanGoal(GoalKind.RACE, MARATHON, 12_600, date(2027, 3, 5)),
        ),
        ("half marathon by April 12th", PlanGoal(GoalKind.RACE, HALF, None, date(2027, 4, 12))),
        ("21.1 km in 1:50", PlanGoal(GoalKind.RACE, HALF, 6600)),
        ("marathon 4h by 1.05.2027", PlanGoal(GoalKind.RACE, MARATHON, 14_400, date(2027, 5, 1))),
        ("5k by 25 December", PlanGoal(GoalKind.RACE, 5000.0, None, date(2026, 12, 25))),
        ("3 gym sessions a week", PlanGoal(GoalKind.STRENGTH, sessions_per_week=3)),
        ("get fit", PlanGoal(GoalKind.FITNESS)),
        ("10 км за 50 минут к 1 мая", PlanGoal(GoalKind.RACE, 10_000.0, 3000, date(2027, 5, 1))),
        ("первый полумарафон", PlanGoal(GoalKind.RACE, HALF)),
        ("3 силовые в неделю", PlanGoal(GoalKind.STRENGTH, sessions_per_week=3)),
        ("5 км быстрее 25 минут", PlanGoal(GoalKind.RACE, 5000.0, 1500)),
        ("марафон к 10 октября", PlanGoal(GoalKind.RACE, MARATHON, None, date(2027, 10, 10))),
        ("полумарафон за 1:45 к 21.03", PlanGoal(GoalKind.RACE, HALF, 6300, date(2027, 3, 21))),
        ("4 раза в зал в неделю", PlanGoal(GoalKind.STRENGTH, sessions_per_week=4)),
        ("общая выносливость", PlanGoal(GoalKind.FITNESS)),
    ],
)
def test_goals_are_read(text: str, goal: PlanGoal) -> None:
    assert parse_goal(text, TODAY) == goal


@pytest.mark.parametrize("text", ["hello there", "как дела", "", "run fast"])
def test_text_without_a_goal_gives_none(text: str) -> None:
    assert parse_goal(text, TODAY) is None


@pytest.mark.parametrize("text", ["5k by 2025-06-01", "10 км к 01.01.2026"])
def test_a_date_in_the_past_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_goal(text, TODAY)
    assert error.value.reason == "in_past"


def test_a_date_without_a_year_is_the_next_such_date() -> None:
    assert parse_goal_date("1 March", TODAY) == date(2027, 3, 1)
    assert parse_goal_date("30 November", TODAY) == date(2026, 11, 30)
    assert parse_goal_date("24 ноября", TODAY) == date(2026, 11, 24), "today is not the past"
    assert parse_goal_date("23 ноября", TODAY) == date(2027, 11, 23)


@pytest.mark.parametrize("text", ["soon", "31 February", "1 March 5"])
def test_a_typed_date_must_be_a_date(text: str) -> None:
    with pytest.raises(InvalidValueError):
        parse_goal_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "distance", "seconds"),
    [
        ("25:00", 5000.0, 1500),
        ("1:45", HALF, 6300),
        ("1:45:00", HALF, 6300),
        ("50 min", 10_000.0, 3000),
        ("50 минут", 10_000.0, 3000),
        ("3h30", MARATHON, 12_600),
    ],
)
def test_target_times(text: str, distance: float, seconds: int) -> None:
    assert parse_goal_time(text, distance) == seconds


@pytest.mark.parametrize(
    ("text", "reason"), [("soon", "not_understood"), ("5:00", "out_of_range")]
)
def test_a_target_time_must_make_sense(text: str, reason: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_goal_time(text, 10_000.0)
    assert error.value.reason == reason


def test_an_absurd_distance_is_refused() -> None:
    with pytest.raises(InvalidValueError):
        parse_goal("500 km by 1 May", TODAY)
