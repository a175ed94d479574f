"""The milestone catalog: one row per milestone, per sport, in the order an athlete meets them.

The catalog is data, not code: a new milestone is one more row with a higher `order`
(a new measure needs one getter in domain/skills/progress.py). Levels count the milestones
reached, so they grow with the table and have no cap of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.users.models import Sport
from domain.workouts.models import Activity


class Measure(StrEnum):
    SESSIONS = "sessions"  # workouts of the sport logged
    DISTANCE = "distance"  # the longest single workout, metres: one log is one continuous effort
    TIME_OVER = "time_over"  # best time over `distance_m`, seconds (lower is better)
    SPEED_OVER = "speed_over"  # best average speed over `distance_m`, m/s
    ONE_RM = "one_rm"  # best Epley estimate of `exercise`, as a multiple of body weight
    REPS = "reps"  # most repetitions of `exercise` in one set
    WEEKS = "weeks"  # most consecutive weeks with WEEKLY_SESSIONS sessions or more


WEEKLY_SESSIONS = 2


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    sport: Activity
    order: int
    measure: Measure
    target: float
    distance_m: float | None = None
    exercise: str | None = None

    @property
    def lower_is_better(self) -> bool:
        return self.measure is Measure.TIME_OVER

    @property
    def needs_weight(self) -> bool:
        return self.measure is Measure.ONE_RM

    @property
    def weekly_sessions(self) -> int:
        """How many sessions make a week count, for the weeks-in-a-row milestones."""
        return WEEKLY_SESSIONS


def _hms(hours: int, minutes: int, seconds: int = 0) -> float:
    return float(hours * 3600 + minutes * 60 + seconds)


def _kmh(value: float) -> float:
    return value / 3.6


HALF_M = 21_097.5
MARATHON_M = 42_195.0

# (id, sport, measure, target, distance_m, exercise); the position in a sport's rows is its order.
_ROWS: tuple[tuple[str, Activity, Measure, float, float | None, str | None], ...] = (
    ("run_first", Activity.RUN, Measure.SESSIONS, 1, None, None),
    ("run_3k", Activity.RUN, Measure.DISTANCE, 3000, None, None),
    ("run_5k", Activity.RUN, Measure.DISTANCE, 5000, None, None),
    ("run_weeks_4", Activity.RUN, Measure.WEEKS, 4, None, None),
    ("run_5k_30", Activity.RUN, Measure.TIME_OVER, _hms(0, 30), 5000, None),
    ("run_10k", Activity.RUN, Measure.DISTANCE, 10_000, None, None),
    ("run_10k_60", Activity.RUN, Measure.TIME_OVER, _hms(1, 0), 10_000, None),
    ("run_5k_25", Activity.RUN, Measure.TIME_OVER, _hms(0, 25), 5000, None),
    ("run_half", Activity.RUN, Measure.DISTANCE, HALF_M, None, None),
    ("run_10k_50", Activity.RUN, Measure.TIME_OVER, _hms(0, 50), 10_000, None),
    ("run_half_2h", Activity.RUN, Measure.TIME_OVER, _hms(2, 0), HALF_M, None),
    ("run_weeks_12", Activity.RUN, Measure.WEEKS, 12, None, None),
    ("run_5k_20", Activity.RUN, Measure.TIME_OVER, _hms(0, 20), 5000, None),
    ("run_marathon", Activity.RUN, Measure.DISTANCE, MARATHON_M, None, None),
    ("run_10k_40", Activity.RUN, Measure.TIME_OVER, _hms(0, 40), 10_000, None),
    ("run_marathon_4h", Activity.RUN, Measure.TIME_OVER, _hms(4, 0), MARATHON_M, None),
    ("run_half_90", Activity.RUN, Measure.TIME_OVER, _hms(1, 30), HALF_M, None),
    ("run_marathon_3h", Activity.RUN, Measure.TIME_OVER, _hms(3, 0), MARATHON_M, None),
    ("run_sessions_100", Activity.RUN, Measure.SESSIONS, 100, None, None),
    ("ride_first", Activity.RIDE, Measure.SESSIONS, 1, None, None),
    ("ride_20k", Activity.RIDE, Measure.DISTANCE, 20_000, None, None),
    ("ride_weeks_4", Activity.RIDE, Measure.WEEKS, 4, None, None),
    ("ride_50k", Activity.RIDE, Measure.DISTANCE, 50_000, None, None),
    ("ride_40k_25", Activity.RIDE, Measure.SPEED_OVER, _kmh(25), 40_000, None),
    ("ride_100k", Activity.RIDE, Measure.DISTANCE, 100_000, None, None),
    ("ride_40k_30", Activity.RIDE, Measure.SPEED_OVER, _kmh(30), 40_000, None),
    ("ride_weeks_12", Activity.RIDE, Measure.WEEKS, 12, None, None),
    ("ride_160k", Activity.RIDE, Measure.DISTANCE, 160_000, None, None),
    ("ride_100k_30", Activity.RIDE, Measure.SPEED_OVER, _kmh(30), 100_000, None),
    ("ride_200k", Activity.RIDE, Measure.DISTANCE, 200_000, None, None),
    ("ride_sessions_100", Activity.RIDE, Measure.SESSIONS, 100, None, None),
    ("swim_first", Activity.SWIM, Measure.SESSIONS, 1, None, None),
    ("swim_400", Activity.SWIM, Measure.DISTANCE, 400, None, None),
    ("swim_1k", Activity.SWIM, Measure.DISTANCE, 1000, None, None),
    ("swim_weeks_4", Activity.SWIM, Measure.WEEKS, 4, None, None),
    ("swim_1500", Activity.SWIM, Measure.DISTANCE, 1500, None, None),
    ("swim_400_8", Activity.SWIM, Measure.TIME_OVER, _hms(0, 8), 400, None),
    ("swim_1500_30", Activity.SWIM, Measure.TIME_OVER, _hms(0, 30), 1500, None),
    ("swim_3800", Activity.SWIM, Measure.DISTANCE, 3800, None, None),
    ("swim_weeks_12", Activity.SWIM, Measure.WEEKS, 12, None, None),
    ("swim_1500_25", Activity.SWIM, Measure.TIME_OVER, _hms(0, 25), 1500, None),
    ("swim_sessions_100", Activity.SWIM, Measure.SESSIONS, 100, None, None),
    ("strength_first", Activity.STRENGTH, Measure.SESSIONS, 1, None, None),
    ("strength_push_up_20", Activity.STRENGTH, Measure.REPS, 20, None, "push_up"),
    ("strength_weeks_4", Activity.STRENGTH, Measure.WEEKS, 4, None, None),
    ("strength_squat_1", Activity.STRENGTH, Measure.ONE_RM, 1.0, None, "squat"),
    ("strength_bench_0_75", Activity.STRENGTH, Measure.ONE_RM, 0.75, None, "bench_press"),
    ("strength_deadlift_1_5", Activity.STRENGTH, Measure.ONE_RM, 1.5, None, "deadlift"),
    ("strength_pull_up_5", Activity.STRENGTH, Measure.REPS, 5, None, "pull_up"),
    ("strength_squat_1_5", Activity.STRENGTH, Measure.ONE_RM, 1.5, None, "squat"),
    ("strength_bench_1", Activity.STRENGTH, Measure.ONE_RM, 1.0, None, "bench_press"),
    ("strength_deadlift_2", Activity.STRENGTH, Measure.ONE_RM, 2.0, None, "deadlift"),
    ("strength_weeks_12", Activity.STRENGTH, Measure.WEEKS, 12, None, None),
    ("strength_pull_up_10", Activity.STRENGTH, Measure.REPS, 10, None, "pull_up"),
    ("strength_squat_2", Activity.STRENGTH, Measure.ONE_RM, 2.0, None, "squat"),
    ("strength_bench_1_5", Activity.STRENGTH, Measure.ONE_RM, 1.5, None, "bench_press"),
    ("strength_deadlift_2_5", Activity.STRENGTH, Measure.ONE_RM, 2.5, None, "deadlift"),
    ("strength_sessions_100", Activity.STRENGTH, Measure.SESSIONS, 100, None, None),
)

SKILL_SPORTS: tuple[Activity, ...] = (
    Activity.RUN,
    Activity.RIDE,
    Activity.SWIM,
    Activity.STRENGTH,
)
# The profile's sports name what the athlete does before the journal shows it.
PROFILE_SPORTS: dict[Sport, tuple[Activity, ...]] = {
    Sport.RUNNING: (Activity.RUN,),
    Sport.CYCLING: (Activity.RIDE,),
    Sport.SWIMMING: (Activity.SWIM,),
    Sport.STRENGTH: (Activity.STRENGTH,),
    Sport.TRIATHLON: (Activity.SWIM, Activity.RIDE, Activity.RUN),
}


def _build() -> dict[Activity, tuple[Milestone, ...]]:
    catalog: dict[Activity, list[Milestone]] = {sport: [] for sport in SKILL_SPORTS}
    for milestone_id, sport, measure, target, distance_m, exercise in _ROWS:
        order = len(catalog[sport]) + 1
        catalog[sport].append(
            Milestone(milestone_id, sport, order, measure, float(target), distance_m, exercise)
        )
    return {sport: tuple(rows) for sport, rows in catalog.items()}


CATALOG: dict[Activity, tuple[Milestone, ...]] = _build()


def milestones(sport: Activity) -> tuple[Milestone, ...]:
    """The sport's milestones in order; a sport without a catalog has none."""
    return CATALOG.get(sport, ())


def timed_distances(sport: Activity) -> frozenset[float]:
    """The distances whose best time (or speed) some milestone of the sport measures."""
    return frozenset(m.distance_m for m in milestones(sport) if m.distance_m is not None)
