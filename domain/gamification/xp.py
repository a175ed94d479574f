"""XP for a workout, the daily cap and the level curve (adr/0034)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.gamification.models import LevelProgress
from domain.workouts.models import Workout

BASE_XP = 10  # showing up counts, whatever the workout
MAX_EFFORT_XP = 300  # one workout's load or minutes beyond this earn nothing more
DAILY_CAP = 300  # XP per athlete-local day, so splitting a ride into ten cannot farm
MINUTE_XP = 0.75  # without a load: an hour is worth 45, about an easy hour's load
FIRST_LEVEL_XP = 100
LEVEL_STEP_XP = 50
BAR_WIDTH = 10


def workout_xp(workout: Workout) -> int:
    """10 + the load on the one load scale (100 ≈ an hour at threshold, ADR 0015); without a
    load, 10 + 0.75 per minute; the effort part capped at 300."""
    if workout.load is not None and workout.load > 0:
        effort = workout.load
    else:
        effort = (workout.duration_s or 0) / 60 * MINUTE_XP
    return BASE_XP + round(min(effort, MAX_EFFORT_XP))


def allocate(day: Sequence[tuple[int, datetime, int]], cap: int = DAILY_CAP) -> dict[int, int]:
    """The XP each workout of one local day keeps, (id, start, raw) in order of start: the
    earliest take theirs first until the day's cap is spent."""
    left = cap
    kept = {}
    for workout_id, _, raw in sorted(day, key=lambda item: (item[1], item[0])):
        kept[workout_id] = min(raw, left)
        left -= kept[workout_id]
    return kept


def level_threshold(level: int) -> int:
    """Total XP at which `level` starts: each level takes 50 more than the one before
    (100, 150, 200, …), so T(n) = 100(n-1) + 25(n-1)(n-2); no top level."""
    steps = level - 1
    return FIRST_LEVEL_XP * steps + LEVEL_STEP_XP * steps * (steps - 1) // 2


def level_of(total: int) -> LevelProgress:
    level = 1
    while level_threshold(level + 1) <= total:
        level += 1
    start = level_threshold(level)
    return LevelProgress(level, total, total - start, level_threshold(level + 1) - start)


def progress_bar(fraction: float, width: int = BAR_WIDTH) -> str:
    filled = min(width, max(0, int(fraction * width)))
    return "▰" * filled + "▱" * (width - filled)
