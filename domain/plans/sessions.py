"""One week's sessions: which training day gets the long run, the quality work, the lifts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain.coaching.performance import (
    easy_speeds,
    interval_speed,
    race_time_for_vdot,
    threshold_speed,
)
from domain.plans.models import (
    Exercise,
    GoalKind,
    PlanGoal,
    PlannedSession,
    QualityType,
    SessionKind,
    WeekRole,
)
from domain.users.models import Level, Weekday
from domain.workouts.models import Activity

LONG_SHARE = 0.30
QUALITY_SHARE = 0.20
MIN_SESSION_MIN = 20
BEGINNER_EASY_WEEKS = 2
LONG_DAY_PREFERENCE = (Weekday.SUN, Weekday.SAT)
STRENGTH_A = ("squat", "bench_press", "pull_up")
STRENGTH_B = ("deadlift", "overhead_press", "lunge")
# Sets × reps through each four-week block; the fourth (lighter) week drops a set.
STRENGTH_BLOCK = ((3, 10), (3, 8), (4, 6), (2, 8))


@dataclass(frozen=True, slots=True)
class Athlete:
    """What the plan respects: level, training days (Monday first), fitness and sport."""

    level: Level
    days: tuple[Weekday, ...]
    vdot: float
    activity: Activity = Activity.RUN
    base_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class WeekShape:
    index: int
    starts_on: date
    role: WeekRole
    minutes: int
    race_day: date | None = None


def day_of(starts_on: date, weekday: Weekday) -> date:
    return starts_on + timedelta(days=list(Weekday).index(weekday))


def week_sessions(
    goal: PlanGoal, athlete: Athlete, shape: WeekShape
) -> tuple[PlannedSession, ...]:
    """The week's sessions on the athlete's days; a race week ends with the race."""
    if goal.kind is GoalKind.STRENGTH:
        return _strength(athlete, shape)
    kinds = _run_kinds(athlete, shape)
    minutes = _durations(kinds, shape.minutes)
    sessions = [
        _session(athlete, shape, day_of(shape.starts_on, weekday), kind, minutes[kind])
        for weekday, kind in kinds.items()
    ]
    if shape.race_day is not None:
        sessions = [s for s in sessions if s.day < shape.race_day - timedelta(days=1)]
        sessions.append(_race(goal, athlete, shape.race_day))
    return tuple(sessions)


def _run_kinds(athlete: Athlete, shape: WeekShape) -> dict[Weekday, SessionKind]:
    days = athlete.days
    kinds = dict.fromkeys(days, SessionKind.EASY)
    if len(days) < 3:
        return kinds
    long_day = next((day for day in LONG_DAY_PREFERENCE if day in days), days[-1])
    kinds[long_day] = SessionKind.LONG
    if shape.role is WeekRole.RECOVERY:
        return kinds
    if athlete.level is Level.BEGINNER and shape.index < BEGINNER_EASY_WEEKS:
        return kinds
    count = 2 if athlete.level is Level.ADVANCED and len(days) >= 5 else 1
    taken = [long_day]
    for _ in range(count):
        free = [day for day in days if day not in taken]
        apart = [day for day in free if all(not _adjacent(day, other) for other in taken)]
        chosen = (apart or free)[0]
        kinds[chosen] = SessionKind.QUALITY
        taken.append(chosen)
    return kinds


def _adjacent(first: Weekday, second: Weekday) -> bool:
    order = list(Weekday)
    return abs(order.index(first) - order.index(second)) in {1, 6}


def _durations(kinds: dict[Weekday, SessionKind], minutes: int) -> dict[SessionKind, int]:
    """Minutes per kind: the long run 30 % of the week, each quality session 20 %."""
    count = len(kinds)
    if count <= 3:
        share = dict.fromkeys(SessionKind, minutes / count)
    else:
        quality = list(kinds.values()).count(SessionKind.QUALITY)
        easy = count - 1 - quality
        rest = minutes * (1 - LONG_SHARE - QUALITY_SHARE * quality)
        share = {
            SessionKind.LONG: minutes * LONG_SHARE,
            SessionKind.QUALITY: minutes * QUALITY_SHARE,
            SessionKind.EASY: rest / max(easy, 1),
        }
    floor_long = count > 3
    return {
        kind: max(MIN_SESSION_MIN, _five(value, down=floor_long and kind is SessionKind.LONG))
        for kind, value in share.items()
    }


def _five(minutes: float, down: bool) -> int:
    """Whole five minutes; the long run rounds down so that it stays within its share."""
    return int(minutes // 5 * 5) if down else round(minutes / 5) * 5


def _session(
    athlete: Athlete, shape: WeekShape, day: date, kind: SessionKind, minutes: int
) -> PlannedSession:
    seconds = minutes * 60
    if athlete.activity is not Activity.RUN:
        return PlannedSession(day, kind, athlete.activity, seconds)
    slow, fast = easy_speeds(athlete.vdot)
    easy = (slow + fast) / 2
    if kind is not SessionKind.QUALITY:
        return PlannedSession(
            day, kind, Activity.RUN, seconds, round(seconds * easy, -2), slow, fast
        )
    intervals = athlete.level is not Level.BEGINNER and shape.index % 2 == 1
    workout = QualityType.INTERVALS if intervals else QualityType.TEMPO
    work = interval_speed(athlete.vdot) if intervals else threshold_speed(athlete.vdot)
    distance = round(seconds * (easy + work) / 2, -2)
    return PlannedSession(day, kind, Activity.RUN, seconds, distance, work, None, workout)


def _race(goal: PlanGoal, athlete: Athlete, day: date) -> PlannedSession:
    distance = goal.distance_m or 5000.0
    seconds = goal.target_s or round(race_time_for_vdot(athlete.vdot, distance))
    return PlannedSession(
        day, SessionKind.RACE, Activity.RUN, seconds, distance, distance / seconds
    )


def strength_days(athlete: Athlete, count: int) -> tuple[Weekday, ...]:
    """N days spread over the athlete's own days, or over the week when they have fewer."""
    pool = athlete.days if len(athlete.days) >= count else tuple(Weekday)
    step = len(pool) / count
    return tuple(pool[int(i * step)] for i in range(count))


def _strength(athlete: Athlete, shape: WeekShape) -> tuple[PlannedSession, ...]:
    days = athlete.days
    minutes = max(MIN_SESSION_MIN, round(shape.minutes / max(len(days), 1) / 5) * 5)
    sets, reps = STRENGTH_BLOCK[3 if shape.role is WeekRole.RECOVERY else shape.index % 4 % 3]
    if athlete.level is Level.BEGINNER:
        sets = max(2, sets - 1)
    sessions = []
    for number, weekday in enumerate(days):
        names = STRENGTH_A if (shape.index + number) % 2 == 0 else STRENGTH_B
        exercises = tuple(Exercise(name, sets, reps) for name in names)
        day = day_of(shape.starts_on, weekday)
        sessions.append(
            PlannedSession(
                day, SessionKind.STRENGTH, Activity.STRENGTH, minutes * 60, exercises=exercises
            )
        )
    return tuple(sessions)
