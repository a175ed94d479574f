"""An athlete's bests in one sport, folded workout by workout in the order they were done.

The honest rules (ADR 0017):
- one logged workout is one continuous effort: the journal knows no pauses inside it;
- the best time over a distance D comes from a workout of at least D, as its average pace × D.
  Nothing shorter counts and nothing is extrapolated (no Riegel): a 4 km run says nothing
  about 5 km, a 10 km run at 4:50 /km holds that pace over every 5 km of it on average.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.coaching.load import epley_1rm
from domain.skills.catalog import WEEKLY_SESSIONS, timed_distances
from domain.workouts.models import Activity, Workout


def week_of(workout: Workout, zone: ZoneInfo) -> int:
    """Weeks run Monday to Sunday and start at the athlete's own midnight."""
    local = workout.started_at.astimezone(zone).date()
    return (local.toordinal() - 1) // 7  # day 1 of the proleptic calendar is a Monday


@dataclass
class Bests:
    sport: Activity
    sessions: int = 0
    longest_m: float = 0.0
    fastest_s: dict[float, float] = field(default_factory=dict)
    one_rm_kg: dict[str, float] = field(default_factory=dict)
    reps: dict[str, int] = field(default_factory=dict)
    weeks: int = 0
    _week: int | None = field(default=None, init=False, repr=False)
    _in_week: int = field(default=0, init=False, repr=False)
    _streak: int = field(default=0, init=False, repr=False)
    _last_full_week: int | None = field(default=None, init=False, repr=False)

    def add(self, workout: Workout, zone: ZoneInfo) -> None:
        """Take in the sport's next workout; workouts come in the order they started."""
        self.sessions += 1
        self._count_week(week_of(workout, zone))
        if workout.distance_m:
            self.longest_m = max(self.longest_m, workout.distance_m)
            if workout.duration_s:
                self._time_distances(workout.distance_m, workout.duration_s)
        for item in workout.sets:
            self.reps[item.exercise] = max(self.reps.get(item.exercise, 0), item.reps)
            if item.weight_kg:
                estimate = epley_1rm(item.weight_kg, item.reps)
                self.one_rm_kg[item.exercise] = max(
                    self.one_rm_kg.get(item.exercise, 0.0), estimate
                )

    def _time_distances(self, distance_m: float, duration_s: int) -> None:
        for target in timed_distances(self.sport):
            if distance_m >= target:
                scaled = duration_s * target / distance_m
                self.fastest_s[target] = min(self.fastest_s.get(target, scaled), scaled)

    def _count_week(self, week: int) -> None:
        if week != self._week:
            self._week, self._in_week = week, 0
        self._in_week += 1
        if self._in_week != WEEKLY_SESSIONS:
            return
        follows = self._last_full_week is not None and self._last_full_week == week - 1
        self._streak = self._streak + 1 if follows else 1
        self._last_full_week = week
        self.weeks = max(self.weeks, self._streak)
