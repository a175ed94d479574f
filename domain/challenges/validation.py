"""The organizer's answers checked and turned into rules; errors name what to fix."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.challenges.models import (
    TEAM_NAME_MAX,
    TEAMS_MAX,
    TEAMS_MIN,
    TITLE_MAX,
    Goal,
    Metric,
    Mode,
    PeriodKind,
    Rules,
    Setup,
)
from domain.challenges.rules import MAX_DAYS, custom_bounds, period_bounds
from domain.errors import InvalidValueError

REMINDER_BEFORE = timedelta(days=1)
_DATES = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:-|–|—|\s)\s*(\d{4}-\d{2}-\d{2})\s*$")
# What a typed target is in, by metric: kilometres, hours, metres, workouts, points.
TARGET_SCALE = {
    Metric.DISTANCE: 1000.0,
    Metric.DURATION: 3600.0,
    Metric.ELEVATION: 1.0,
    Metric.WORKOUTS: 1.0,
    Metric.XP: 1.0,
}


def check_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise InvalidValueError("challenge_title", "empty")
    if len(title) > TITLE_MAX:
        raise InvalidValueError("challenge_title", "too_long", limit=TITLE_MAX)
    return title


def parse_target(text: str, metric: Metric) -> float:
    """A typed goal ("100" km, "20" hours, "12" workouts) in SI units."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InvalidValueError("challenge_target", "not_a_number") from None
    if not 0 < value <= 1_000_000:
        raise InvalidValueError("challenge_target", "out_of_range")
    return value * TARGET_SCALE[metric]


def parse_teams(text: str) -> tuple[str, ...]:
    """2 to 4 team names separated by commas."""
    names = tuple(" ".join(name.split()) for name in text.split(",") if name.strip())
    if not TEAMS_MIN <= len(names) <= TEAMS_MAX:
        raise InvalidValueError("challenge_teams", "count", low=TEAMS_MIN, high=TEAMS_MAX)
    if any(len(name) > TEAM_NAME_MAX for name in names):
        raise InvalidValueError("challenge_teams", "too_long", limit=TEAM_NAME_MAX)
    if len({name.casefold() for name in names}) != len(names):
        raise InvalidValueError("challenge_teams", "twice")
    return names


def parse_period(text: str, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """ "2026-12-01 2026-12-31": both days included, in the organizer's timezone."""
    match = _DATES.match(text)
    if match is None:
        raise InvalidValueError("challenge_period", "format")
    try:
        first, last = (date.fromisoformat(part) for part in match.groups())
    except ValueError:
        raise InvalidValueError("challenge_period", "format") from None
    start, end = custom_bounds(first, last, zone)
    if last < first:
        raise InvalidValueError("challenge_period", "reversed")
    if end <= now:
        raise InvalidValueError("challenge_period", "past")
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidValueError("challenge_period", "too_long", limit=MAX_DAYS)
    return start, end


def rules_of(setup: Setup, now: datetime, zone: ZoneInfo) -> Rules:
    """The rules the answers describe; a target only for "reach N", teams only for teams."""
    if setup.period is PeriodKind.CUSTOM:
        if setup.custom is None:
            raise InvalidValueError("challenge_period", "format")
        starts_at, ends_at = setup.custom
    else:
        starts_at, ends_at = period_bounds(setup.period, now, zone)
    if setup.goal is Goal.TARGET and not setup.target:
        raise InvalidValueError("challenge_target", "not_a_number")
    if setup.mode is Mode.TEAMS and not TEAMS_MIN <= len(setup.teams) <= TEAMS_MAX:
        raise InvalidValueError("challenge_teams", "count", low=TEAMS_MIN, high=TEAMS_MAX)
    return Rules(
        metric=setup.metric,
        starts_at=starts_at,
        ends_at=ends_at,
        sports=setup.sports,
        goal=setup.goal,
        target=setup.target if setup.goal is Goal.TARGET else None,
        mode=setup.mode,
        teams=setup.teams if setup.mode is Mode.TEAMS else (),
        entries=setup.entries,
    )


def reminder_at(rules: Rules) -> datetime | None:
    """A day before the end, when the challenge lasts long enough for that to mean something."""
    if rules.ends_at - rules.starts_at <= 2 * REMINDER_BEFORE:
        return None
    return rules.ends_at - REMINDER_BEFORE
