"""Weekly training and daily check-in streaks with freezes, on the athlete's calendar."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.gamification.models import Streak
from domain.users.models import User
from domain.workouts.models import Workout

MAX_FREEZES = 2
WEEKS_PER_FREEZE = 4  # four full weeks on target in a row earn one freeze
DAYS_PER_FREEZE = 7  # a week of daily check-ins in a row earns one
DEFAULT_TARGET = 3
MAX_TARGET = 14


def streak(past: Iterable[bool], running_hit: bool, earn_every: int) -> Streak:
    """Walk the closed periods oldest first: a hit extends the streak (every `earn_every`
    hits in a row earn a freeze, at most 2 kept); a miss spends a freeze, or breaks the
    streak and loses the freezes. The running period counts only once it is hit."""
    current = best = freezes = in_row = 0
    for hit in past:
        if hit:
            current += 1
            in_row += 1
            if in_row % earn_every == 0 and freezes < MAX_FREEZES:
                freezes += 1
        elif current and freezes:
            freezes -= 1
            in_row = 0
        else:
            current = freezes = in_row = 0
        best = max(best, current)
    if running_hit:
        current += 1
        best = max(best, current)
    return Streak(current, best, freezes, running_hit)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def default_target(user: User) -> int:
    """The training days of the profile, when chosen; three sessions otherwise."""
    return len(user.profile.days) or DEFAULT_TARGET


def weekly_counts(workouts: Iterable[Workout], zone: ZoneInfo) -> dict[date, int]:
    """Sessions per local week (keyed by its Monday)."""
    counts: dict[date, int] = {}
    for workout in workouts:
        week = week_start(local_day(workout.started_at, zone))
        counts[week] = counts.get(week, 0) + 1
    return counts


def weekly_streak(counts: Mapping[date, int], target: int, today: date) -> Streak:
    """Weeks with at least `target` sessions in a row, from the first week trained."""
    this_week = week_start(today)
    weeks = [week for week in counts if week < this_week]
    past: list[bool] = []
    if weeks:
        week = min(weeks)
        while week < this_week:
            past.append(counts.get(week, 0) >= target)
            week += timedelta(days=7)
    return streak(past, counts.get(this_week, 0) >= target, WEEKS_PER_FREEZE)


def daily_streak(days: Collection[date], today: date) -> Streak:
    """Days with a check-in in a row, from the first one."""
    earlier = [day for day in days if day < today]
    past: list[bool] = []
    if earlier:
        day = min(earlier)
        while day < today:
            past.append(day in days)
            day += timedelta(days=1)
    return streak(past, today in days, DAYS_PER_FREEZE)
