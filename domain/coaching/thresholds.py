"""Thresholds as dated ranges: each value holds from its date until the next one of its kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError
from domain.units import METRES_PER_MILE
from domain.users.models import Profile, Units


class ThresholdKind(StrEnum):
    MAX_HR = "max_hr"
    RESTING_HR = "resting_hr"
    LTHR = "lthr"
    FTP = "ftp"
    THRESHOLD_SPEED = "threshold_speed"


@dataclass(frozen=True, slots=True)
class Threshold:
    """One dated value; `value` None means the athlete withdrew it from that moment on."""

    kind: ThresholdKind
    value: float | None
    valid_from: datetime


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The values valid at one moment (SI: bpm, watts, metres per second)."""

    max_hr: int | None = None
    resting_hr: int | None = None
    lthr: int | None = None
    ftp: float | None = None
    threshold_speed: float | None = None


def valid_from_today(now: datetime, timezone: str) -> datetime:
    """A threshold the athlete sets counts from their own midnight: a workout they log next
    ("ride 1h", begun before the value was typed) is weighed with it."""
    local = now.astimezone(ZoneInfo(timezone))
    return datetime.combine(local.date(), time(), local.tzinfo).astimezone(now.tzinfo)


class ThresholdHistory:
    """Every dated value of one athlete; the profile's heart rates fill in before any row."""

    def __init__(self, entries: Iterable[Threshold], profile: Profile | None = None) -> None:
        self._entries = sorted(entries, key=lambda entry: entry.valid_from)
        self._profile = profile or Profile()

    def value_at(self, kind: ThresholdKind, moment: datetime) -> float | None:
        """The latest value of the kind that started on or before the moment."""
        valid = [e for e in self._entries if e.kind is kind and e.valid_from <= moment]
        if valid:
            return valid[-1].value
        if kind is ThresholdKind.MAX_HR:
            return self._profile.max_hr
        if kind is ThresholdKind.RESTING_HR:
            return self._profile.resting_hr
        return None

    def at(self, moment: datetime) -> Thresholds:
        """The thresholds valid at the moment: an old workout keeps the values of its date."""
        return Thresholds(
            max_hr=_whole(self.value_at(ThresholdKind.MAX_HR, moment)),
            resting_hr=_whole(self.value_at(ThresholdKind.RESTING_HR, moment)),
            lthr=_whole(self.value_at(ThresholdKind.LTHR, moment)),
            ftp=self.value_at(ThresholdKind.FTP, moment),
            threshold_speed=self.value_at(ThresholdKind.THRESHOLD_SPEED, moment),
        )

    def has(self, kind: ThresholdKind) -> bool:
        """True once any dated value of the kind was recorded."""
        return any(entry.kind is kind for entry in self._entries)


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


FTP_RANGE_W = (30, 700)
LTHR_RANGE = (80, 220)
# Threshold pace between 2:30 and 12:00 per km (a world-class to a walking pace).
THRESHOLD_SPEED_RANGE = (1000 / 720, 1000 / 150)
_NUMBER = re.compile(r"^\s*(\d+)\s*([a-zа-яё/.]*)\s*$", re.IGNORECASE)
_PACE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:/?\s*(km|км|mi|mile|миля))?\s*$", re.IGNORECASE)


def parse_ftp(text: str) -> float:
    """Watts as a whole number ("250" or "250 W")."""
    return float(_whole_number(text, "ftp", {"", "w", "вт"}, FTP_RANGE_W))


def parse_lthr(text: str, max_hr: int | None) -> int:
    """Beats per minute, below the athlete's maximum when it is known."""
    value = _whole_number(text, "lthr", {"", "bpm", "уд", "уд/мин"}, LTHR_RANGE)
    if max_hr is not None and value >= max_hr:
        raise InvalidValueError("lthr", "above_max", max_hr=max_hr)
    return value


def parse_threshold_pace(text: str, units: Units) -> float:
    """Minutes:seconds per km (per mile for imperial units, or with an explicit /mi), as m/s."""
    match = _PACE.match(text)
    if match is None or int(match.group(2)) >= 60:
        raise InvalidValueError("threshold_pace", "not_understood")
    seconds = int(match.group(1)) * 60 + int(match.group(2))
    unit = (match.group(3) or "").lower()
    per_mile = unit in {"mi", "mile", "миля"} or (not unit and units is Units.IMPERIAL)
    speed = (METRES_PER_MILE if per_mile else 1000.0) / seconds if seconds else 0.0
    low, high = THRESHOLD_SPEED_RANGE
    if not low <= speed <= high:
        raise InvalidValueError("threshold_pace", "out_of_range")
    return speed


def _whole_number(text: str, field: str, suffixes: set[str], bounds: tuple[int, int]) -> int:
    match = _NUMBER.match(text)
    if match is None or match.group(2).lower() not in suffixes:
        raise InvalidValueError(field, "not_a_number")
    value = int(match.group(1))
    low, high = bounds
    if not low <= value <= high:
        raise InvalidValueError(field, "out_of_range", low=low, high=high)
    return value
