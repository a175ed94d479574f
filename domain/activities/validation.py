"""What an imported activity may claim: values a body and a device can reach."""

from __future__ import annotations

from datetime import datetime

from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedActivity, ParsedFile
from domain.workouts.validation import MAX_DISTANCE_M, MAX_DURATION_S, TOP_SPEED

MAX_FILE_BYTES = 20 * 1024 * 1024  # the Bot API's download limit
HR_RANGE = (25, 250)
MIN_DURATION_S = 1
# A sample may be faster than the whole-workout world-class average, not this much faster.
SAMPLE_SPEED_FACTOR = 2.5


def check_file(parsed: ParsedFile, now: datetime) -> None:
    """Refuse the whole file if any of its activities claims the impossible."""
    if not parsed.activities:
        raise FileRefusedError(Refusal.NO_ACTIVITY)
    for activity in parsed.activities:
        check_activity(activity, now)


def check_activity(parsed: ParsedActivity, now: datetime) -> None:
    """Start in the past; a duration and distance a human covers; HR and speeds in range."""
    if parsed.started_at > now:
        raise FileRefusedError(Refusal.FUTURE)
    if parsed.duration_s < MIN_DURATION_S:
        raise FileRefusedError(Refusal.TOO_SHORT)
    if parsed.duration_s > MAX_DURATION_S:
        raise FileRefusedError(Refusal.TOO_LONG)
    if parsed.distance_m is not None and not 0 <= parsed.distance_m <= MAX_DISTANCE_M:
        raise FileRefusedError(Refusal.BAD_VALUE, what="distance")
    _check_heart_rate(parsed)
    _check_speed(parsed)


def _check_heart_rate(parsed: ParsedActivity) -> None:
    low, high = HR_RANGE
    values: list[float] = [v for v in (parsed.avg_hr, parsed.max_hr) if v is not None]
    values += [v for v in parsed.samples.hr if v is not None]
    if values and not (low <= min(values) and max(values) <= high):
        raise FileRefusedError(Refusal.HEART_RATE, low=low, high=high)


def _check_speed(parsed: ParsedActivity) -> None:
    top = TOP_SPEED.get(parsed.activity)
    if top is None:
        return
    moving = parsed.moving_s or parsed.duration_s
    if parsed.distance_m and moving and parsed.distance_m / moving > top:
        raise FileRefusedError(Refusal.SPEED)
    fastest = max((v for v in parsed.samples.speed if v is not None), default=0.0)
    if fastest > top * SAMPLE_SPEED_FACTOR:
        raise FileRefusedError(Refusal.SPEED)


def check_size(size: int | None) -> None:
    """Before downloading: the Bot API gives bots files up to 20 MB; an empty one is nothing."""
    if size is not None and size > MAX_FILE_BYTES:
        raise FileRefusedError(Refusal.TOO_LARGE, limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if size == 0:
        raise FileRefusedError(Refusal.EMPTY)
