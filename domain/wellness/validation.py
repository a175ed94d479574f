"""Range rules for check-in answers and the days a check-in may still be given for."""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidValueError
from domain.users.models import Units
from domain.users.validation import (
    RESTING_HR_RANGE,
    WEIGHT_KG_RANGE,
    parse_heart_rate,
    parse_weight,
)
from domain.wellness.models import WellnessField

SLEEP_HOURS_RANGE = (0.0, 16.0)
SCALE_RANGE = (1, 5)
DAYS_BACK = 2
RANGES: dict[WellnessField, tuple[float, float]] = {
    WellnessField.SLEEP_HOURS: SLEEP_HOURS_RANGE,
    WellnessField.SLEEP_QUALITY: SCALE_RANGE,
    WellnessField.MOOD: SCALE_RANGE,
    WellnessField.SORENESS: SCALE_RANGE,
    WellnessField.RESTING_HR: RESTING_HR_RANGE,
    WellnessField.WEIGHT: WEIGHT_KG_RANGE,
}
# Typed answers share the profile's parsers, so their errors use the profile's field names.
ERROR_FIELD = {WellnessField.WEIGHT: "weight"}


def check_value(field: WellnessField, value: float) -> float:
    """An answer inside its range; scales and heart rates are whole numbers."""
    low, high = RANGES[field]
    whole = field.is_scale or field is WellnessField.RESTING_HR
    if not low <= value <= high or (whole and not float(value).is_integer()):
        name = ERROR_FIELD.get(field, field.value)
        raise InvalidValueError(name, "out_of_range", low=f"{low:g}", high=f"{high:g}")
    return int(value) if whole else float(value)


def parse_typed(field: WellnessField, text: str, units: Units) -> float:
    """A typed resting heart rate (bpm) or body weight (the athlete's units, stored in kg)."""
    if field is WellnessField.RESTING_HR:
        return parse_heart_rate(text, "resting_hr", RESTING_HR_RANGE)
    if field is WellnessField.WEIGHT:
        return parse_weight(text, units)
    raise InvalidValueError(field.value, "not_typed")


def day_from_ordinal(ordinal: int) -> date:
    """The day a button was made for; nonsense is refused like a day out of the window."""
    try:
        return date.fromordinal(ordinal)
    except (ValueError, OverflowError):
        raise InvalidValueError("checkin_day", "too_old", days=DAYS_BACK) from None


def check_day(day: date, today: date) -> None:
    """A check-in is for today or one of the two days before; never for the future."""
    if day > today:
        raise InvalidValueError("checkin_day", "in_future")
    if (today - day).days > DAYS_BACK:
        raise InvalidValueError("checkin_day", "too_old", days=DAYS_BACK)
