"""A daily wellness check-in: how the athlete slept, feels and weighs on one local day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.workouts.events import Announcement

# The sleep answers a card offers, in hours: the first stands for "that or less", the
# last for "that or more" (a tap on "≤4" stores 4).
SLEEP_CHOICES = (4, 5, 6, 7, 8, 9)


def sleep_label(hours: float) -> str:
    """Hours of sleep as the card's buttons name them: "≤4", "7", "9+"."""
    if hours <= SLEEP_CHOICES[0]:
        return f"≤{SLEEP_CHOICES[0]}"
    if hours >= SLEEP_CHOICES[-1]:
        return f"{SLEEP_CHOICES[-1]}+"
    return f"{hours:g}"


class WellnessField(StrEnum):
    """The answers of a check-in; the values are the CheckIn attribute names."""

    SLEEP_HOURS = "sleep_hours"
    SLEEP_QUALITY = "sleep_quality"
    MOOD = "mood"
    SORENESS = "soreness"
    RESTING_HR = "resting_hr"
    WEIGHT = "weight_kg"

    @property
    def is_scale(self) -> bool:
        """Answered on a 1-5 scale."""
        return self in {WellnessField.SLEEP_QUALITY, WellnessField.MOOD, WellnessField.SORENESS}

    @property
    def is_typed(self) -> bool:
        """Answered by typing a number rather than with a button."""
        return self in {WellnessField.RESTING_HR, WellnessField.WEIGHT}


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One athlete's answers for one day of their own calendar; every answer is optional.

    sleep_quality and mood run from 1 (bad) to 5 (great); soreness from 1 (none) to 5
    (very sore). updated_at is None until the check-in is stored.
    """

    user_id: int
    day: date
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    mood: int | None = None
    soreness: int | None = None
    resting_hr: int | None = None
    weight_kg: float | None = None
    updated_at: datetime | None = None

    def value(self, field: WellnessField) -> float | None:
        value: float | None = getattr(self, field.value)
        return value

    @property
    def is_empty(self) -> bool:
        return all(self.value(field) is None for field in WellnessField)


@dataclass(frozen=True, slots=True)
class WellnessSummary:
    """Today's check-in against the athlete's recent ones, for the coach."""

    today: CheckIn | None
    resting_hr_baseline: float | None
    resting_hr_values: int
    sleep_hours_average: float | None

    @property
    def resting_hr_rise(self) -> float | None:
        """Beats per minute above the recent average; None without a baseline or a value."""
        if self.today is None or self.today.resting_hr is None:
            return None
        if self.resting_hr_baseline is None:
            return None
        return self.today.resting_hr - self.resting_hr_baseline


@dataclass(frozen=True, slots=True)
class CheckInOverview:
    """What a check-in card shows: one day's answers and the week before it."""

    day: date
    today: date
    checkin: CheckIn
    recent: tuple[CheckIn, ...]
    announcements: tuple[Announcement, ...] = ()  # the streak and achievements it moved

    @property
    def days_ago(self) -> int:
        return (self.today - self.day).days
