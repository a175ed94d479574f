"""The achievements, as data: what each measures, for which sport, and its tiers' thresholds.

Adding an achievement is a row here and its name and description in both locale files; the
evaluation (domain/gamification/achievements.py) has no case per achievement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.workouts.models import Activity


class Metric(StrEnum):
    WORKOUTS = "workouts"  # number of workouts
    DISTANCE = "distance"  # metres in total
    DURATION = "duration"  # seconds in total
    ELEVATION = "elevation"  # metres climbed, from imported files
    LOAD = "load"  # load points in total
    LONG = "long"  # workouts of at least `param` seconds
    FAR = "far"  # workouts of at least `param` metres
    EARLY = "early"  # started before `param` o'clock, local time
    LATE = "late"  # started at `param` o'clock or later, local time
    WEEKEND = "weekend"  # on a local Saturday or Sunday
    NEW_YEAR = "new_year"  # on a local 1 January
    ACTIVE_DAYS = "active_days"  # local days with a workout
    DOUBLE_DAYS = "double_days"  # local days with two workouts or more
    BEST_WEEK = "best_week"  # most seconds trained in one local week
    SPORTS = "sports"  # sports tried
    FROM_DEVICE = "from_device"  # workouts synced from a device
    FROM_FILE = "from_file"  # workouts imported from a file
    RECORDS = "records"  # personal records held
    WEEK_STREAK = "week_streak"  # longest weekly streak
    CHECKIN_STREAK = "checkin_streak"  # longest daily check-in streak
    CHECKINS = "checkins"  # days checked in
    LEVEL = "level"
    FACT = "fact"  # a count another feature supplies (FactSource), named by `param`


class Unit(StrEnum):
    """How a threshold and a progress value are shown."""

    COUNT = "count"
    KM = "km"
    HOURS = "hours"
    METRES = "metres"


UNITS = {
    Metric.DISTANCE: Unit.KM,
    Metric.DURATION: Unit.HOURS,
    Metric.BEST_WEEK: Unit.HOURS,
    Metric.ELEVATION: Unit.METRES,
}
TIER_BADGES = ("🥉", "🥈", "🥇")
SINGLE_BADGE = "🏅"
KM = 1000.0
HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class Achievement:
    """Tiers are bronze, silver, gold (one threshold: a single badge). The name and the
    description are `achievement.<id>.name` / `.description` in the catalogs."""

    id: str
    metric: Metric
    thresholds: tuple[float, ...]
    activity: Activity | None = None
    param: float | str | None = None

    @property
    def unit(self) -> Unit:
        return UNITS.get(self.metric, Unit.COUNT)

    def badge(self, tier: int) -> str:
        return TIER_BADGES[tier - 1] if len(self.thresholds) == 3 else SINGLE_BADGE


def _a(
    id: str,
    metric: Metric,
    *thresholds: float,
    activity: Activity | None = None,
    param: float | str | None = None,
) -> Achievement:
    return Achievement(id, metric, thresholds, activity, param)


R, B, S, W, H = Activity.RUN, Activity.RIDE, Activity.SWIM, Activity.WALK, Activity.HIKE
FACT_GROUP_EVENTS = "group_events"  # events attended in group chats: 0 until events land
FACT_CHALLENGES_WON = "challenges_won"  # challenges won: 0 until challenges land

CATALOG: tuple[Achievement, ...] = (
    _a("first_workout", Metric.WORKOUTS, 1),
    _a("workouts", Metric.WORKOUTS, 10, 50, 250),
    _a("run_count", Metric.WORKOUTS, 10, 50, 200, activity=R),
    _a("ride_count", Metric.WORKOUTS, 10, 50, 200, activity=B),
    _a("swim_count", Metric.WORKOUTS, 10, 50, 200, activity=S),
    _a("strength_count", Metric.WORKOUTS, 10, 50, 200, activity=Activity.STRENGTH),
    _a("yoga_count", Metric.WORKOUTS, 10, 50, 200, activity=Activity.YOGA),
    _a("run_distance", Metric.DISTANCE, 50 * KM, 250 * KM, 1000 * KM, activity=R),
    _a("ride_distance", Metric.DISTANCE, 200 * KM, 1000 * KM, 5000 * KM, activity=B),
    _a("swim_distance", Metric.DISTANCE, 5 * KM, 25 * KM, 100 * KM, activity=S),
    _a("walk_distance", Metric.DISTANCE, 50 * KM, 250 * KM, 1000 * KM, activity=W),
    _a("hike_distance", Metric.DISTANCE, 20 * KM, 100 * KM, 500 * KM, activity=H),
    _a("row_distance", Metric.DISTANCE, 20 * KM, 100 * KM, 500 * KM, activity=Activity.ROW),
    _a("ski_distance", Metric.DISTANCE, 50 * KM, 200 * KM, 1000 * KM, activity=Activity.SKI),
    _a("run_time", Metric.DURATION, 10 * HOUR, 50 * HOUR, 200 * HOUR, activity=R),
    _a("ride_time", Metric.DURATION, 10 * HOUR, 50 * HOUR, 200 * HOUR, activity=B),
    _a("swim_time", Metric.DURATION, 5 * HOUR, 25 * HOUR, 100 * HOUR, activity=S),
    _a(
        "strength_time",
        Metric.DURATION,
        10 * HOUR,
        50 * HOUR,
        200 * HOUR,
        activity=Activity.STRENGTH,
    ),
    _a("yoga_time", Metric.DURATION, 5 * HOUR, 25 * HOUR, 100 * HOUR, activity=Activity.YOGA),
    _a("total_time", Metric.DURATION, 24 * HOUR, 100 * HOUR, 500 * HOUR),
    _a("load", Metric.LOAD, 1000, 5000, 20000),
    _a("elevation", Metric.ELEVATION, 1000, 10000, 50000),
    _a("long_session", Metric.LONG, 1, 10, 50, param=2 * HOUR),
    _a("epic_session", Metric.LONG, 1, param=4 * HOUR),
    _a("half_marathon", Metric.FAR, 1, 5, 20, activity=R, param=21_097.5),
    _a("marathon", Metric.FAR, 1, activity=R, param=42_195.0),
    _a("century_ride", Metric.FAR, 1, 5, 20, activity=B, param=100 * KM),
    _a("long_swim", Metric.FAR, 1, 5, 20, activity=S, param=3 * KM),
    _a("early_bird", Metric.EARLY, 1, 10, 50, param=7),
    _a("night_owl", Metric.LATE, 1, 10, 50, param=21),
    _a("weekend_warrior", Metric.WEEKEND, 10, 50, 200),
    _a("new_year", Metric.NEW_YEAR, 1),
    _a("active_days", Metric.ACTIVE_DAYS, 30, 100, 365),
    _a("double_day", Metric.DOUBLE_DAYS, 1, 10, 50),
    _a("big_week", Metric.BEST_WEEK, 5 * HOUR, 10 * HOUR, 15 * HOUR),
    _a("variety", Metric.SPORTS, 3, 5, 8),
    _a("device_sync", Metric.FROM_DEVICE, 1, 25, 100),
    _a("file_import", Metric.FROM_FILE, 1, 25, 100),
    _a("records", Metric.RECORDS, 5, 15, 40),
    _a("week_streak", Metric.WEEK_STREAK, 4, 12, 26),
    _a("checkin_streak", Metric.CHECKIN_STREAK, 7, 30, 100),
    _a("checkins", Metric.CHECKINS, 10, 50, 200),
    _a("level", Metric.LEVEL, 5, 10, 25),
    _a("first_group_event", Metric.FACT, 1, param=FACT_GROUP_EVENTS),
    _a("group_events", Metric.FACT, 5, 20, 50, param=FACT_GROUP_EVENTS),
    _a("first_challenge_won", Metric.FACT, 1, param=FACT_CHALLENGES_WON),
    _a("challenges_won", Metric.FACT, 3, 10, 25, param=FACT_CHALLENGES_WON),
)
BY_ID = {achievement.id: achievement for achievement in CATALOG}
