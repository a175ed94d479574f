"""Parsing and range rules for what an athlete types into their profile."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.errors import InvalidValueError
from domain.units import lb_to_kg
from domain.users.models import CoarseLocation, Units

CITY_MAX_LENGTH = 64
MIN_AGE = 10
MAX_AGE = 100
WEIGHT_KG_RANGE = (25.0, 300.0)
RESTING_HR_RANGE = (25, 120)
MAX_HR_RANGE = (100, 230)
COARSE_DEGREES = 0.1

_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zа-яё.]*)\s*$", re.IGNORECASE)
_CITY_FORBIDDEN = re.compile(r"[<>@/\\{}\[\]|`~^*_=+$#%]")


def _number(text: str, field: str) -> tuple[float, str]:
    match = _NUMBER.match(text)
    if match is None:
        raise InvalidValueError(field, "not_a_number")
    return float(match.group(1).replace(",", ".")), match.group(2).lower().rstrip(".")


def parse_city(text: str) -> str:
    """A city is a short plain name: no markup, no links, no control characters."""
    city = " ".join(text.split())
    if not city or not any(ch.isalpha() for ch in city):
        raise InvalidValueError("city", "empty")
    if len(city) > CITY_MAX_LENGTH:
        raise InvalidValueError("city", "too_long", limit=CITY_MAX_LENGTH)
    if _CITY_FORBIDDEN.search(city) or not city.isprintable():
        raise InvalidValueError("city", "bad_characters")
    return city


def parse_birth_year(text: str, current_year: int) -> int:
    """A birth year that makes the athlete between 10 and 100 years old."""
    value, suffix = _number(text, "birth_year")
    if suffix or not value.is_integer():
        raise InvalidValueError("birth_year", "not_a_year")
    year = int(value)
    low, high = current_year - MAX_AGE, current_year - MIN_AGE
    if not low <= year <= high:
        raise InvalidValueError("birth_year", "out_of_range", low=low, high=high)
    return year


def parse_weight(text: str, units: Units) -> float:
    """Body weight in the athlete's units (or with an explicit kg/lb suffix), stored in kg."""
    value, suffix = _number(text, "weight")
    if suffix in {"kg", "кг"}:
        kg = value
    elif suffix in {"lb", "lbs", "фунт", "фунтов"}:
        kg = lb_to_kg(value)
    elif suffix:
        raise InvalidValueError("weight", "unknown_unit")
    else:
        kg = lb_to_kg(value) if units is Units.IMPERIAL else value
    low, high = WEIGHT_KG_RANGE
    if not low <= kg <= high:
        raise InvalidValueError("weight", "out_of_range")
    return round(kg, 1)


def parse_heart_rate(text: str, field: str, bounds: tuple[int, int]) -> int:
    value, suffix = _number(text, field)
    if suffix not in {"", "bpm", "уд", "удмин", "уд/мин"} or not value.is_integer():
        raise InvalidValueError(field, "not_a_number")
    low, high = bounds
    if not low <= value <= high:
        raise InvalidValueError(field, "out_of_range", low=low, high=high)
    return int(value)


def check_heart_rates(resting: int | None, maximum: int | None) -> None:
    """Maximum heart rate must sit well above resting heart rate."""
    if resting is not None and maximum is not None and maximum - resting < 30:
        raise InvalidValueError("max_hr", "below_resting", resting=resting)


def coarse(latitude: float, longitude: float) -> CoarseLocation:
    """Round a shared location to a ~10 km cell before anything stores it."""
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise InvalidValueError("location", "out_of_range")
    return CoarseLocation(
        latitude=round(round(latitude / COARSE_DEGREES) * COARSE_DEGREES, 1),
        longitude=round(round(longitude / COARSE_DEGREES) * COARSE_DEGREES, 1),
    )


def parse_timezone(name: str) -> str:
    """An IANA timezone name, matched case-insensitively ("europe/moscow" works)."""
    candidate = name.strip().replace(" ", "_")
    if not candidate or len(candidate) > 64:
        raise InvalidValueError("timezone", "unknown")
    try:
        ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError):
        match = _zones_by_lower_name().get(candidate.lower())
        if match is None:
            raise InvalidValueError("timezone", "unknown") from None
        return match
    return candidate


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {zone.lower(): zone for zone in available_timezones()}
