"""Week-by-week plans: ≤10 % more each week, every fourth week lighter, a taper before a race."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.errors import DomainError, InvalidValueError
from domain.plans.models import GoalKind, PlanGoal, PlanWeek, RaceClass, WeekRole
from domain.plans.sessions import Athlete, WeekShape, day_of, strength_days, week_sessions
from domain.users.models import Level, Weekday

RAMP = 1.10
RECOVERY_FACTOR = 0.75
TAPER_FACTORS = (0.6, 0.8)  # the race week, the week before it
MAX_WEEKS = 52
DEFAULT_WEEKS = {
    RaceClass.FIVE_K: 8,
    RaceClass.TEN_K: 10,
    RaceClass.HALF: 12,
    RaceClass.MARATHON: 16,
}
# The shortest plan that is still sensible, by level (beginner, intermediate, advanced).
MIN_WEEKS = {
    RaceClass.FIVE_K: (6, 4, 3),
    RaceClass.TEN_K: (8, 6, 4),
    RaceClass.HALF: (10, 8, 6),
    RaceClass.MARATHON: (16, 12, 10),
}
TAPER_WEEKS = {RaceClass.FIVE_K: 1, RaceClass.TEN_K: 1, RaceClass.HALF: 2, RaceClass.MARATHON: 2}
GENERAL_WEEKS = 12
EARLY_RACE_WEEKDAY = 3  # Thursday
LEVEL_FACTOR = {Level.BEGINNER: 0.75, Level.INTERMEDIATE: 1.0, Level.ADVANCED: 1.35}
BASE_MINUTES = {Level.BEGINNER: 90, Level.INTERMEDIATE: 150, Level.ADVANCED: 240}
PEAK_MINUTES = {
    RaceClass.FIVE_K: 180, RaceClass.TEN_K: 240, RaceClass.HALF: 300, RaceClass.MARATHON: 390
}  # fmt: skip
FITNESS_PEAK = 240
STRENGTH_SESSION_MINUTES = {Level.BEGINNER: 40, Level.INTERMEDIATE: 50, Level.ADVANCED: 60}
STRENGTH_PEAK_FACTOR = 1.3
DEFAULT_DAYS = {
    Level.BEGINNER: (Weekday.TUE, Weekday.THU, Weekday.SAT),
    Level.INTERMEDIATE: (Weekday.TUE, Weekday.THU, Weekday.SAT, Weekday.SUN),
    Level.ADVANCED: (Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT, Weekday.SUN),
}
LEVELS = tuple(Level)


class PlanTooShortError(DomainError):
    """The race is too close for a safe build-up; `earliest` is the first sensible date."""

    code = "plan_too_short"


def first_monday(today: date) -> date:
    """Plans start this Monday when today is one, else next Monday."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def generate(goal: PlanGoal, athlete: Athlete, today: date) -> tuple[PlanWeek, ...]:
    """The whole plan, from the first Monday to the race (or the default length)."""
    start = first_monday(today)
    count = plan_length(goal, athlete.level, start)
    roles = week_roles(goal, count)
    athlete = for_goal(goal, athlete)
    base = min(athlete.base_minutes or default_minutes(goal, athlete.level), peak(goal, athlete))
    minutes = volumes(roles, base, peak(goal, athlete))
    shapes = [
        WeekShape(
            i,
            start + timedelta(weeks=i),
            role,
            minutes[i],
            race_day(goal, athlete, start, i, count),
        )
        for i, role in enumerate(roles)
    ]
    return tuple(_week(goal, athlete, shape) for shape in shapes)


def for_goal(goal: PlanGoal, athlete: Athlete) -> Athlete:
    """The days the plan uses: the athlete's own, or the level's defaults; N for strength."""
    days = athlete.days or DEFAULT_DAYS[athlete.level]
    if goal.kind is GoalKind.STRENGTH:
        days = strength_days(replace(athlete, days=days), goal.sessions_per_week or 3)
    return replace(athlete, days=days)


def plan_length(goal: PlanGoal, level: Level, start: date) -> int:
    race = goal.race_class
    if goal.race_date is None:
        return DEFAULT_WEEKS[race] if race else GENERAL_WEEKS
    weeks = (goal.race_date - start).days // 7 + 1
    shortest = MIN_WEEKS[race][LEVELS.index(level)] if race else 4
    if goal.race_date < start or weeks < shortest:
        earliest = start + timedelta(weeks=shortest, days=-1)
        raise PlanTooShortError(weeks=shortest, earliest=earliest.isoformat())
    if weeks > MAX_WEEKS:
        raise InvalidValueError("race_date", "too_far", weeks=MAX_WEEKS)
    return weeks


def week_roles(goal: PlanGoal, count: int) -> list[WeekRole]:
    taper = TAPER_WEEKS[goal.race_class] if goal.kind is GoalKind.RACE and goal.race_class else 0
    if taper and goal.race_date is not None and goal.race_date.weekday() < EARLY_RACE_WEEKDAY:
        taper += 1  # a race early in its week leaves that week no room to taper in
    taper = min(taper, count - 1)
    return [
        WeekRole.TAPER
        if index >= count - taper
        else WeekRole.RECOVERY
        if (index + 1) % 4 == 0
        else WeekRole.BUILD
        for index in range(count)
    ]


def volumes(
    roles: list[WeekRole], base: int, top: int, last_build: int | None = None
) -> list[int]:
    """Minutes per week: a build week adds at most 10 % to the last build week (up to the
    peak), a recovery week is 25 % lighter than it, taper weeks come down to 80 % then 60 %."""
    minutes = []
    for index, role in enumerate(roles):
        if role is WeekRole.BUILD:
            value = base if last_build is None else min(top, int(last_build * RAMP))
            last_build = value
        elif role is WeekRole.RECOVERY:
            value = int((last_build or base) * RECOVERY_FACTOR)
        else:
            from_end = len(roles) - 1 - index
            factor = TAPER_FACTORS[min(from_end, len(TAPER_FACTORS) - 1)]
            value = int((last_build or base) * factor)
        minutes.append(value)
    return minutes


def default_minutes(goal: PlanGoal, level: Level) -> int:
    if goal.kind is GoalKind.STRENGTH:
        return STRENGTH_SESSION_MINUTES[level] * (goal.sessions_per_week or 3)
    return BASE_MINUTES[level]


def peak(goal: PlanGoal, athlete: Athlete) -> int:
    if goal.kind is GoalKind.STRENGTH:
        return int(default_minutes(goal, athlete.level) * STRENGTH_PEAK_FACTOR)
    race = goal.race_class
    top = PEAK_MINUTES[race] if race else FITNESS_PEAK
    return int(top * LEVEL_FACTOR[athlete.level])


def race_day(goal: PlanGoal, athlete: Athlete, start: date, index: int, count: int) -> date | None:
    """The race is on its date, or on the last training day of a plan without one."""
    if goal.kind is not GoalKind.RACE or index != count - 1:
        return None
    return goal.race_date or day_of(start + timedelta(weeks=index), athlete.days[-1])


def replan(
    goal: PlanGoal, athlete: Athlete, weeks: tuple[PlanWeek, ...], index: int, minutes: int
) -> tuple[PlanWeek, ...]:
    """Week `index` gets `minutes`; the weeks after it ramp on from there."""
    athlete = for_goal(goal, athlete)
    builds = [w.target_minutes for w in weeks[:index] if w.role is WeekRole.BUILD]
    last_build = (
        minutes if weeks[index].role is WeekRole.BUILD else (builds[-1] if builds else minutes)
    )
    later = volumes([w.role for w in weeks[index + 1 :]], minutes, peak(goal, athlete), last_build)
    new = list(weeks[:index])
    for offset, week in enumerate(weeks[index:]):
        value = minutes if offset == 0 else later[offset - 1]
        shape = WeekShape(
            week.index, week.starts_on, week.role, value,
            race_day(goal, athlete, weeks[0].starts_on, week.index, len(weeks)),
        )  # fmt: skip
        new.append(replace(_week(goal, athlete, shape), adapted_reason=week.adapted_reason))
    return tuple(new)


def _week(goal: PlanGoal, athlete: Athlete, shape: WeekShape) -> PlanWeek:
    return PlanWeek(
        shape.index,
        shape.starts_on,
        shape.role,
        shape.minutes,
        week_sessions(goal, athlete, shape),
    )
