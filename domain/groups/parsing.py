"""What an organizer types: names, an event's moment, a pace range, a capacity."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError
from domain.groups.models import (
    DESCRIPTION_MAX_LENGTH,
    MAX_CAPACITY,
    MEETING_POINT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PLAN_MAX_LENGTH,
)
from domain.groups.schedule import parse_schedule

_WHEN = re.compile(
    r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?)\s+"
    r"([01]?\d|2[0-3])[:.]([0-5]\d)$"
)
_PACE = re.compile(r"^(\d{1,2}):([0-5]\d)\s*(?:-|–|—|\.\.)\s*(\d{1,2}):([0-5]\d)$")
_PACE_ONE = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_DISTANCE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(km|км|k|к|m|м)?$")
MAX_AHEAD = timedelta(days=366)


def parse_plain(text: str, field: str, limit: int) -> str:
    """A trimmed single-paragraph text of at most `limit` characters; markup is escaped
    at rendering, control characters are refused."""
    value = text.strip()
    if not value:
        raise InvalidValueError(field, "empty")
    if len(value) > limit:
        raise InvalidValueError(field, "too_long", limit=limit)
    if any(not ch.isprintable() and ch != "\n" for ch in value):
        raise InvalidValueError(field, "bad_characters")
    return value


def parse_name(text: str) -> str:
    return " ".join(parse_plain(text, "group_name", NAME_MAX_LENGTH).split())


def parse_description(text: str) -> str:
    return parse_plain(text, "description", DESCRIPTION_MAX_LENGTH)


def parse_plan(text: str) -> str:
    return parse_plain(text, "group_plan", PLAN_MAX_LENGTH)


def parse_meeting_point(text: str) -> str:
    return " ".join(parse_plain(text, "meeting_point", MEETING_POINT_MAX_LENGTH).split())


def parse_capacity(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or not 2 <= int(value) <= MAX_CAPACITY:
        raise InvalidValueError("capacity", "out_of_range", low=2, high=MAX_CAPACITY)
    return int(value)


def parse_when(text: str, timezone: str, now: datetime) -> datetime:
    """`2026-12-05 07:30`, `05.12 07:30` or `5/12/2026 7:30` in the group's zone; the next
    such date when the year is left out; it must lie ahead, within a year."""
    match = _WHEN.match(" ".join(text.split()))
    if match is None:
        raise InvalidValueError("event_when", "not_understood")
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    iso_y, iso_m, iso_d, day, month, year, hour, minute = match.groups()
    at = time(int(hour), int(minute))
    try:
        if iso_y:
            moment = datetime.combine(date(int(iso_y), int(iso_m), int(iso_d)), at, zone)
        else:
            moment = datetime.combine(
                date(int(year or today.year), int(month), int(day)), at, zone
            )
            if not year and moment <= now:
                moment = moment.replace(year=moment.year + 1)
    except ValueError:
        raise InvalidValueError("event_when", "not_understood") from None
    if not now < moment <= now + MAX_AHEAD:
        raise InvalidValueError("event_when", "not_ahead")
    return moment


def parse_pace(text: str) -> tuple[int, int]:
    """`5:00-5:30` (or one pace) per km, as seconds, the faster first."""
    value = " ".join(text.split())
    match = _PACE.match(value)
    if match is not None:
        a = int(match.group(1)) * 60 + int(match.group(2))
        b = int(match.group(3)) * 60 + int(match.group(4))
    elif (one := _PACE_ONE.match(value)) is not None:
        a = b = int(one.group(1)) * 60 + int(one.group(2))
    else:
        raise InvalidValueError("pace_range", "not_understood")
    low, high = sorted((a, b))
    if low < 60 or high > 1800:
        raise InvalidValueError("pace_range", "out_of_range")
    return low, high


def parse_event_distance(text: str) -> float:
    """`10`, `10 km`, `5k` in kilometres, `800 m` in metres; at most 1000 km."""
    match = _DISTANCE.match(text.strip().lower().replace(" ", ""))
    if match is None:
        raise InvalidValueError("event_distance", "not_understood")
    value = float(match.group(1).replace(",", "."))
    metres = value if match.group(2) in {"m", "м"} else value * 1000
    if not 100 <= metres <= 1_000_000:
        raise InvalidValueError("event_distance", "out_of_range")
    return metres


__all__ = [
    "parse_capacity",
    "parse_description",
    "parse_event_distance",
    "parse_meeting_point",
    "parse_name",
    "parse_pace",
    "parse_plan",
    "parse_schedule",
    "parse_when",
]
