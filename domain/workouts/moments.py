"""When a workout happened, as athletes type it: "yesterday at 7:30", "в пн", "23 ноября"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidValueError

# A past day named without a time is placed at midday: far from both midnights, so it
# stays on that local day whatever the duration and daylight-saving shifts.
UNTIMED_START = time(12, 0)

_WEEKDAYS = (
    ("monday", "mon", "понедельник", "пн"),
    ("tuesday", "tues", "tue", "вторник", "вт"),
    ("wednesday", "wed", "среда", "среду", "ср"),
    ("thursday", "thurs", "thur", "thu", "четверг", "чт"),
    ("friday", "fri", "пятница", "пятницу", "пт"),
    ("saturday", "sat", "суббота", "субботу", "сб"),
    ("sunday", "sun", "воскресенье", "вс"),
)
_MONTHS = (
    ("january", "jan", "январ[ьяе]", "янв"),
    ("february", "feb", "феврал[ьяе]", "фев"),
    ("march", "mar", "март[ае]?", "мар"),
    ("april", "apr", "апрел[ьяе]", "апр"),
    ("may", "ма[йяе]"),
    ("june", "jun", "июн[ьяе]", "июн"),
    ("july", "jul", "июл[ьяе]", "июл"),
    ("august", "aug", "август[ае]?", "авг"),
    ("september", "sept", "sep", "сентябр[ьяе]", "сент", "сен"),
    ("october", "oct", "октябр[ьяе]", "окт"),
    ("november", "nov", "ноябр[ьяе]", "нояб", "ноя"),
    ("december", "dec", "декабр[ьяе]", "дек"),
)
_DAYS_AGO: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"\b(\d{1,3})\s*(?:days?|дн(?:я|ей|и)|день)\s+(?:ago|назад)\b"), None),
    (re.compile(r"\b(?:the\s+)?day before yesterday\b|\bпозавчера\b"), 2),
    (re.compile(r"\b(?:yesterday|вчера)\b"), 1),
    (re.compile(r"\b(?:today|сегодня)\b"), 0),
)
# A number right before one of these is a measurement, never a date or a time.
_UNIT = (
    r"(?!\s*(?:km|k|км|mi|miles?|миль?|m|meters?|metres?|м|метр\w*|min|mins|minutes?|мин\w*"
    r"|h|hr|hrs|hours?|ч|час\w*|kg|кг|lbs?|фунт\w*|bpm|уд\w*|x|х|×)(?![a-zа-я]))"
)
_DAY = r"(0?[1-9]|[12]\d|3[01])"
_WEEKDAY = re.compile(
    r"(?:\b(?:on|last|во?)\s+)?\b("
    + "|".join(word for words in _WEEKDAYS for word in words)
    + r")(?![a-zа-я])"
)
_MONTH_NAME = "|".join(stem for stems in _MONTHS for stem in stems)
_DAY_MONTH = re.compile(
    rf"(?:\bon\s+)?(?<![\d.]){_DAY}(?:st|nd|rd|th)?\s+({_MONTH_NAME})(?![a-zа-я])"
    rf"|(?:\bon\s+)?\b({_MONTH_NAME})\s+{_DAY}(?:st|nd|rd|th)?(?![\d.:a-zа-я]){_UNIT}"
)
_ISO_DATE = re.compile(rf"(?<![\d.])(\d{{4}})-(0?[1-9]|1[0-2])-{_DAY}(?![\d.])")
# "23.11" needs a two-digit month so that "5.5 km" stays a distance; "23/11" may be "5/5".
_NUMERIC_DATE = re.compile(
    rf"(?<![\d.:/]){_DAY}(?:\.(0[1-9]|1[0-2])|/(0?[1-9]|1[0-2]))(?:[./](\d{{4}}|\d{{2}}))?"
    rf"(?![\d.:/]){_UNIT}"
)
_AT_TIME = re.compile(
    r"\b(?:at|в)\s+([01]?\d|2[0-3])(?:[:.]([0-5]\d))?(?![\d:.])" + _UNIT
    + r"(?:\s*(am|pm|утра|вечера|дня|ночи)\b)?"
)  # fmt: skip
_AMPM_TIME = re.compile(r"(?<![\d:.])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*(am|pm)\b")
_CLOCK_AFTER_DAY = re.compile(r"\s*,?\s*([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:.])" + _UNIT)
_BARE_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")
_AFTERNOON = {"pm", "вечера", "дня"}


@dataclass(frozen=True, slots=True)
class DaysAgo:
    days: int


@dataclass(frozen=True, slots=True)
class LastWeekday:
    """Monday is 0; the most recent such day, today included."""

    weekday: int


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """Without a year: the most recent such date, today included."""

    day: int
    month: int
    year: int | None = None


DayRef = DaysAgo | LastWeekday | CalendarDay


@dataclass(frozen=True, slots=True)
class When:
    """A day and a local time of day, either of them left out."""

    day: DayRef | None = None
    at: time | None = None


def take_when(text: str) -> tuple[str, When | None]:
    """Cut the time and the day out of a normalized log line; the rest is the workout."""
    text, at = _take_time(text)
    found = _find_day(text)
    if found is None:
        return (text, None) if at is None else (" ".join(text.split()), When(None, at))
    match, day = found
    rest = text[match.end() :]
    # A clock right after the day is its start ("вчера 7:30 бег 10 км 52:30").
    if at is None and (clock := _CLOCK_AFTER_DAY.match(rest)):
        at = _clock_time(clock.group(1), clock.group(2))
        rest = rest[clock.end() :]
    return " ".join(f"{text[: match.start()]} {rest}".split()), When(day, at)


def parse_when(text: str) -> When:
    """A day and/or time on its own: "yesterday 7:30", "23.11 в 18:00", "18:00"."""
    rest, found = take_when(" ".join(text.lower().replace("ё", "е").split()))
    when = found or When()
    rest = rest.strip(" ,")
    if when.at is None and (bare := _BARE_TIME.fullmatch(rest)):
        rest, when = "", When(when.day, _clock_time(bare.group(1), bare.group(2)))
    if when == When() or rest:
        raise InvalidValueError("when", "not_understood")
    return when


def _take_time(text: str) -> tuple[str, time | None]:
    match = _AT_TIME.search(text) or _AMPM_TIME.search(text)
    if match is None:
        return text, None
    return _cut(text, match), _clock_time(*match.groups())


def _clock_time(hour: str, minute: str | None, half: str | None = None) -> time:
    value = int(hour)
    if half in _AFTERNOON and value < 12:
        value += 12
    elif half in {"am", "ночи"} and value == 12:
        value = 0
    return time(value, int(minute or 0))


def _find_day(text: str) -> tuple[re.Match[str], DayRef] | None:
    for pattern, days in _DAYS_AGO:
        if match := pattern.search(text):
            return match, DaysAgo(int(match.group(1)) if days is None else days)
    if match := _ISO_DATE.search(text):
        year, month, day = (int(part) for part in match.groups())
        return match, CalendarDay(day, month, year)
    if match := _NUMERIC_DATE.search(text):
        day_of_month, month = int(match.group(1)), int(match.group(2) or match.group(3))
        return match, CalendarDay(day_of_month, month, _full_year(match.group(4)))
    if match := _DAY_MONTH.search(text):
        number, name = match.group(1, 2) if match.group(1) else match.group(4, 3)
        return match, CalendarDay(int(number), _month(name))
    if match := _WEEKDAY.search(text):
        return match, LastWeekday(_weekday(match.group(1)))
    return None


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def _full_year(value: str | None) -> int | None:
    if value is None:
        return None
    return int(value) + 2000 if len(value) == 2 else int(value)


def _weekday(word: str) -> int:
    return next(index for index, words in enumerate(_WEEKDAYS) if word in words)


def _month(word: str) -> int:
    for index, stems in enumerate(_MONTHS, start=1):
        if any(re.fullmatch(stem, word) for stem in stems):
            return index
    raise InvalidValueError("when", "not_understood")


def resolve_day(ref: DayRef, today: date) -> date:
    """The calendar day a reference names, seen from the athlete's today."""
    if isinstance(ref, DaysAgo):
        return today - timedelta(days=ref.days)
    if isinstance(ref, LastWeekday):
        return today - timedelta(days=(today.weekday() - ref.weekday) % 7)
    years = (ref.year,) if ref.year is not None else (today.year, today.year - 1)
    for year in years:
        try:
            day = date(year, ref.month, ref.day)
        except ValueError:
            continue
        if ref.year is not None or day <= today:
            return day
    raise InvalidValueError("when", "no_such_date")


def logged_start(when: When | None, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The start a log names, in UTC; None when it ended just now (no day, or today untimed)."""
    if when is None:
        return None
    today = now.astimezone(zone).date()
    day = resolve_day(when.day, today) if when.day is not None else today
    if when.at is None:
        if day == today:
            return None
        return datetime.combine(day, UNTIMED_START, zone).astimezone(UTC)
    return datetime.combine(day, when.at, zone).astimezone(UTC)


def moved_start(when: When, current: datetime, now: datetime, zone: ZoneInfo) -> datetime:
    """A new start for a stored workout; what `when` leaves out stays as it was, locally."""
    local = current.astimezone(zone)
    today = now.astimezone(zone).date()
    day = resolve_day(when.day, today) if when.day is not None else local.date()
    at = when.at if when.at is not None else local.time().replace(tzinfo=None)
    return datetime.combine(day, at, zone).astimezone(UTC)
