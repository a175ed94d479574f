"""Free-text workout logs in English and Russian: "run 10k 52:30", "вчера присед 5х5 100".

When it happened is read by domain.workouts.moments; the rest here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.errors import InvalidValueError
from domain.units import METRES_PER_MILE, lb_to_kg
from domain.workouts.models import Activity, StrengthSet
from domain.workouts.moments import When, take_when

ACTIVITY_WORDS: dict[Activity, tuple[str, ...]] = {
    Activity.RUN: (
        "run",
        "ran",
        "jog",
        "бег",
        "пробежк",
        "бегал",
        "пробежал",
        "пробегал",
        "забег",
    ),
    Activity.RIDE: ("bike", "biking", "ride", "rode", "cycl", "вело", "велик", "покатал"),
    Activity.SWIM: ("swim", "swam", "плава", "плавал", "проплыл", "бассейн", "заплыв"),
    Activity.WALK: ("walk", "ходьб", "прогулк", "гулял"),
    Activity.HIKE: ("hike", "hiking", "поход", "трекинг"),
    Activity.STRENGTH: ("strength", "gym", "weights", "силов", "качалк", "зал"),
    Activity.YOGA: ("yoga", "йог"),
    Activity.ROW: ("rowing", "rowed", "гребл"),
    Activity.SKI: ("ski", "лыж"),
}
EXERCISE_WORDS: dict[str, tuple[str, ...]] = {
    "squat": ("squat", "присед"),
    "bench_press": ("bench", "жим лёжа", "жим лежа", "жим"),
    "deadlift": ("deadlift", "станов", "тяга"),
    "overhead_press": ("ohp", "overhead", "армейск"),
    "pull_up": ("pullup", "pull-up", "pull up", "подтяг"),
    "push_up": ("pushup", "push-up", "push up", "отжим"),
    "lunge": ("lunge", "выпад"),
}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_SETS = re.compile(rf"(\d+)\s*[x×х*]\s*(\d+)(?:\s*[x×х*@]?\s*{_NUMBER}\s*(kg|кг|lbs?|фунт\w*)?)?")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(?![\d:])")
_HOURS = re.compile(
    rf"{_NUMBER}\s*(?:h|hr|hrs|hours?|ч|час\w*)(?![a-zа-я])"
    r"(?:(\d{1,2})(?![\d.])(?!\s*(?:km|k|км|mi|m|м)(?![a-zа-я]))"
    r"|\s*(\d{1,2})\s*(?:m|min|mins|minutes?|мин\w*)(?![a-zа-я]))?"
)
_MINUTES = re.compile(rf"{_NUMBER}\s*(?:min|mins|minutes?|мин\w*|m|м)(?![a-zа-я])")
_DISTANCE = re.compile(
    rf"{_NUMBER}\s*(km|k|км|mi|miles?|миль?|m|meters?|metres?|м|метр\w*)(?![a-zа-я])"
)
_HR = re.compile(
    r"(?:hr|heart rate|pulse|пульс\w*|чсс)\s*(?:avg\s*)?(\d{2,3})(?![\d.:])"
    r"(?!\s*(?:km|k|км|mi|m|м|min|мин)(?![a-zа-я]))"
    r"|(\d{2,3})\s*(?:bpm|уд)"
)
_RPE = re.compile(r"(?:rpe|усили\w*|тяжесть)\s*(\d{1,2})")
_HALF_HOUR = re.compile(r"полчаса|half an hour")
_ONE_HOUR = re.compile(r"(?:^|\s)(?:час|an hour|one hour)(?:\s|$)")


@dataclass
class ParsedLog:
    activity: Activity | None = None
    duration_s: int | None = None
    distance_m: float | None = None
    avg_hr: int | None = None
    rpe: int | None = None
    sets: list[StrengthSet] = field(default_factory=list)
    when: When | None = None
    unread: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        """Enough to log without asking: a sport and its time (or, for strength, its sets)."""
        return self.activity is not None and bool(self.duration_s or self.sets)


def normalize(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)
    return " ".join(text.split())


def parse_log(text: str) -> ParsedLog:
    """Read what can be read; the caller asks for whatever is missing."""
    rest = normalize(text)
    parsed = ParsedLog()
    # The day and time first: "23.11" and "at 7:30" must not be read as a distance or a time.
    rest, parsed.when = take_when(rest)
    rest = _take_sets(rest, parsed)
    parsed.activity = parsed.activity or _activity(rest)
    # Heart rate and effort first: "hr 140" must not be read as hours.
    rest, parsed.rpe = _take_int(_RPE, rest)
    rest, parsed.avg_hr = _take_int(_HR, rest)
    rest = _take_duration(rest, parsed)
    rest = _take_distance(rest, parsed)
    # Words left over are commentary ("felt great"); a number left over was not understood.
    parsed.unread = tuple(word for word in rest.split() if any(c.isdigit() for c in word))
    return parsed


def _activity(text: str) -> Activity | None:
    words = text.split()
    for activity, stems in ACTIVITY_WORDS.items():
        if any(word.startswith(stem) for word in words for stem in stems):
            return activity
    return None


def _exercise(text: str) -> str | None:
    for name, stems in EXERCISE_WORDS.items():
        if any(stem in text for stem in stems):
            return name
    return None


def _take_sets(text: str, parsed: ParsedLog) -> str:
    """Each "<exercise> SxR [W]" group becomes a StrengthSet; the rest is left to read."""
    pieces = re.split(r"[;,\n]|\band\b|\bи\b", text)
    kept = []
    for piece in pieces:
        match = _SETS.search(piece)
        exercise = _exercise(piece[: match.start()] if match else "")
        if match is None or exercise is None:
            kept.append(piece)
            continue
        weight = float(match.group(3).replace(",", ".")) if match.group(3) else None
        if weight is not None and (match.group(4) or "").startswith(("lb", "фунт")):
            weight = round(lb_to_kg(weight), 1)
        sets, reps = int(match.group(1)), int(match.group(2))
        parsed.sets.append(StrengthSet(exercise, sets, reps, weight))
        parsed.activity = Activity.STRENGTH
        kept.append(piece[match.end() :])
    return " ".join(kept)


def _take_duration(text: str, parsed: ParsedLog) -> str:
    if match := _CLOCK.search(text):
        parts = [int(part) for part in match.groups() if part is not None]
        scale = (3600, 60, 1) if len(parts) == 3 else (60, 1)
        parsed.duration_s = sum(part * unit for part, unit in zip(parts, scale, strict=True))
        return text[: match.start()] + text[match.end() :]
    if match := _HOURS.search(text):
        minutes = int(match.group(2) or match.group(3) or 0)
        parsed.duration_s = round(float(match.group(1)) * 3600) + minutes * 60
        return text[: match.start()] + text[match.end() :]
    for match in _MINUTES.finditer(text):
        if match.group(0).rstrip().endswith(("m", "м")) and float(match.group(1)) >= 100:
            continue
        parsed.duration_s = round(float(match.group(1)) * 60)
        return text[: match.start()] + text[match.end() :]
    if _HALF_HOUR.search(text):
        parsed.duration_s = 1800
    elif _ONE_HOUR.search(text):
        parsed.duration_s = 3600
    return text


def _take_distance(text: str, parsed: ParsedLog) -> str:
    match = _DISTANCE.search(text)
    if match is None:
        return text
    value, unit = float(match.group(1)), match.group(2)
    if unit in {"km", "k", "км"}:
        parsed.distance_m = value * 1000
    elif unit.startswith(("mi", "мил")):
        parsed.distance_m = value * METRES_PER_MILE
    else:
        parsed.distance_m = value
    return text[: match.start()] + text[match.end() :]


def _take_int(pattern: re.Pattern[str], text: str) -> tuple[str, int | None]:
    match = pattern.search(text)
    if match is None:
        return text, None
    number = next(group for group in match.groups() if group)
    return text[: match.start()] + text[match.end() :], int(number)


def parse_duration(text: str) -> int:
    """A duration on its own: "52:30", "1h15", "45", "45 min", "1 час 15 минут"."""
    value = normalize(text)
    if re.fullmatch(r"\d{1,3}", value):
        value += " min"
    parsed = ParsedLog()
    rest = _take_duration(value, parsed)
    if parsed.duration_s is None or re.search(r"\d", rest):
        raise InvalidValueError("duration", "not_understood")
    return parsed.duration_s


def parse_distance(text: str, imperial: bool) -> float:
    """A distance on its own; a bare number is in km (or miles for imperial units)."""
    value = normalize(text)
    if re.fullmatch(_NUMBER, value):
        value += " mi" if imperial else " km"
    parsed = ParsedLog()
    rest = _take_distance(value, parsed)
    if parsed.distance_m is None or re.search(r"\d", rest):
        raise InvalidValueError("distance", "not_understood")
    return parsed.distance_m


def parse_heart_rate(text: str) -> int:
    value = normalize(text).removesuffix("bpm").strip()
    if not value.isdigit():
        raise InvalidValueError("heart_rate", "not_understood")
    return int(value)


def parse_rpe(text: str) -> int:
    """Effort on its own, 1 to 10."""
    value = normalize(text).removesuffix("/10").strip()
    if not value.isdigit():
        raise InvalidValueError("rpe", "not_understood")
    return int(value)
