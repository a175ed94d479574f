"""A campaign's send time as an admin types it, in their own timezone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError

LATEST = timedelta(days=90)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\s+(\d{1,2}):(\d{2})$")


def parse_send_time(text: str, timezone: str, now: datetime) -> datetime:
    """`2026-12-24 10:00`, `24.12 10:00` or `24.12.2026 10:00` in `timezone`, as UTC; it
    must lie in the future and within 90 days (a year-less date before today is next
    year's)."""
    zone = ZoneInfo(timezone)
    text = " ".join(text.split())
    local_now = now.astimezone(zone)
    if iso := _ISO.match(text):
        year, month, day, hour, minute = (int(part) for part in iso.groups())
        candidates = [year]
    elif dotted := _DOTTED.match(text):
        day, month, hour, minute = (int(dotted.group(i)) for i in (1, 2, 4, 5))
        given = dotted.group(3)
        upcoming = (month, day) >= (local_now.month, local_now.day)
        year = int(given) if given else local_now.year + (0 if upcoming else 1)
        candidates = [year]
    else:
        raise InvalidValueError("send_time", "format")
    try:
        moment = datetime(candidates[0], month, day, hour, minute, tzinfo=zone).astimezone(UTC)
    except ValueError as error:
        raise InvalidValueError("send_time", "format") from error
    if moment <= now:
        raise InvalidValueError("send_time", "past")
    if moment - now > LATEST:
        raise InvalidValueError("send_time", "too_far", days=LATEST.days)
    return moment
