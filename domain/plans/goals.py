"""Goals in free text, English and Russian: "5k under 25:00 by 1 March", "первый полумарафон"."""

from __future__ import annotations

import re
from datetime import date

from domain.errors import InvalidValueError
from domain.plans.models import RACE_DISTANCES_M, GoalKind, PlanGoal, RaceClass
from domain.units import METRES_PER_MILE
from domain.workouts.parsing import normalize

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
RUSSIAN_MONTHS = (
    ("январ",), ("феврал",), ("март",), ("апрел",), ("мая", "май"), ("июн",), ("июл",),
    ("август",), ("сентябр",), ("октябр",), ("ноябр",), ("декабр",),
)  # fmt: skip
_MONTH = r"([a-zа-я]{3,9})"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(
    r"(?<![\d.:])(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?(?![\d:.])(?!\s*(?:km|k|км|к|mi|ми))"
)
_DAY_MONTH = re.compile(
    rf"(?<![\d:])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+(\d{{4}}))?"
)
_MONTH_DAY = re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?![\d:])")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(?![\d:])")
_HOURS = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:h|hr|hours?|ч|час\w*)(?:\s*(\d{1,2})\s*(?:m|min\w*|мин\w*)?)?(?![a-zа-я])"
)
_MINUTES = re.compile(r"(\d{1,3})\s*(?:m|min\w*|мин\w*)(?![a-zа-я])")
_DISTANCE = re.compile(r"(?<![\d:.])(\d+(?:\.\d+)?)\s*(km|k|км|к|mi|miles?|миль?)(?![a-zа-я])")
_SESSIONS = re.compile(r"(?<![\d:])([1-7])(?![\d:])")
HALF_WORDS = ("half", "полумарафон", "полумараф")
MARATHON_WORDS = ("marathon", "марафон")
STRENGTH_WORDS = ("gym", "strength", "weights", "lifting", "силов", "качалк", "зал")
FITNESS_WORDS = (
    "fitness", "endurance", "fit", "shape", "base", "general",
    "выносливост", "форм", "здоров", "общ",
)  # fmt: skip
MIN_RACE_M = 1000.0
MAX_RACE_M = 100_000.0


def parse_goal(text: str, today: date) -> PlanGoal | None:
    """What the text says, or None when it names no goal; a date in the past is refused."""
    rest = normalize(text)
    if any(word in rest for word in STRENGTH_WORDS):
        match = _SESSIONS.search(rest)
        return PlanGoal(GoalKind.STRENGTH, sessions_per_week=int(match.group(1)) if match else 3)
    race_date, rest = _take_date(rest, today)
    distance = _distance(rest)
    if distance is None:
        if any(word in rest for word in FITNESS_WORDS):
            return PlanGoal(GoalKind.FITNESS, race_date=race_date)
        return None
    target = parse_goal_time(_without_distance(rest), distance, strict=False)
    return PlanGoal(GoalKind.RACE, distance, target, race_date)


def parse_goal_date(text: str, today: date) -> date:
    """A race date on its own: "1 March", "March 1", "2027-05-01", "01.05", "1 мая"."""
    found, rest = _take_date(normalize(text), today)
    if found is None or re.search(r"\d", rest):
        raise InvalidValueError("race_date", "not_understood")
    return found


def parse_goal_time(text: str, distance_m: float, strict: bool = True) -> int | None:
    """A target time: "25:00", "3:30" (hours for a half or longer), "50 min", "1h45"."""
    value = normalize(text)
    seconds = _clock(value, distance_m) or _hours(value) or _minutes(value)
    if strict and seconds is None:
        raise InvalidValueError("goal_time", "not_understood")
    if seconds is not None and not distance_m / 6.5 <= seconds <= distance_m * 1.2:
        raise InvalidValueError("goal_time", "out_of_range")
    return seconds


def _clock(text: str, distance_m: float) -> int | None:
    match = _CLOCK.search(text)
    if match is None:
        return None
    first, second, third = int(match.group(1)), int(match.group(2)), match.group(3)
    if third is not None:
        return first * 3600 + second * 60 + int(third)
    if distance_m >= RACE_DISTANCES_M[RaceClass.HALF] - 100 and first <= 9:
        return first * 3600 + second * 60
    return first * 60 + second


def _hours(text: str) -> int | None:
    match = _HOURS.search(text)
    if match is None:
        return None
    return round(float(match.group(1)) * 3600) + int(match.group(2) or 0) * 60


def _minutes(text: str) -> int | None:
    match = _MINUTES.search(text)
    return int(match.group(1)) * 60 if match else None


def _distance(text: str) -> float | None:
    if any(word in text for word in HALF_WORDS):
        return RACE_DISTANCES_M[RaceClass.HALF]
    if any(word in text for word in MARATHON_WORDS):
        return RACE_DISTANCES_M[RaceClass.MARATHON]
    match = _DISTANCE.search(text)
    if match is None:
        return None
    value = float(match.group(1))
    metres = value * (METRES_PER_MILE if match.group(2).startswith(("mi", "мил")) else 1000.0)
    if not MIN_RACE_M <= metres <= MAX_RACE_M:
        raise InvalidValueError("race_distance", "out_of_range")
    for standard in RACE_DISTANCES_M.values():
        if abs(metres - standard) < 150:
            return standard
    return metres


def _without_distance(text: str) -> str:
    return _DISTANCE.sub(" ", text)


def _take_date(text: str, today: date) -> tuple[date | None, str]:
    """The first date in the text and the text without it."""
    for pattern, reader in (
        (_ISO, _iso),
        (_DAY_MONTH, _day_month),
        (_MONTH_DAY, _month_day),
        (_DOTTED, _dotted),
    ):
        for match in pattern.finditer(text):
            parts = reader(match)
            if parts is None:
                continue
            found = _resolve(*parts, today)
            return found, text[: match.start()] + " " + text[match.end() :]
    return None, text


def _iso(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def _day_month(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    month = _month(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    return (year, month, int(match.group(1))) if month else None


def _month_day(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    month = _month(match.group(1))
    year = int(match.group(3)) if match.group(3) else None
    return (year, month, int(match.group(2))) if month else None


def _dotted(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    year = int(match.group(3)) if match.group(3) else None
    return year, int(match.group(2)), int(match.group(1))


def _month(word: str) -> int | None:
    for number, (name, stems) in enumerate(zip(ENGLISH_MONTHS, RUSSIAN_MONTHS, strict=True), 1):
        if word in {name, name[:3], name[:4]} or word.startswith(stems):
            return number
    return None


def _resolve(year: int | None, month: int, day: int, today: date) -> date:
    """A date without a year is the next such date; one in the past is refused."""
    try:
        found = date(year or today.year, month, day)
    except ValueError:
        raise InvalidValueError("race_date", "not_a_date") from None
    if year is None and found < today:
        found = found.replace(year=today.year + 1)
    if found < today:
        raise InvalidValueError("race_date", "in_past")
    return found
