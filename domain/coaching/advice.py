"""Today's advice: rest, easy, quality or long, with the one reason that decided it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from domain.coaching.fitness import acwr_warning

VERY_TIRED_FORM = -30.0
TIRED_FORM = -10.0
FRESH_FORM = 5.0
HARD_DAY_FACTOR = 2.0
SHORT_SLEEP_HOURS = 5.0
WORST_SLEEP_QUALITY = 1
WORST_SORENESS = 5
# A morning resting HR well above the athlete's own recent average is a common sign of
# incomplete recovery or coming illness (Buchheit 2014, Front. Physiol. 5:73); 7 bpm is a
# conservative reading of "well above" that day-to-day noise (2-4 bpm) rarely reaches.
RESTING_HR_RISE = 7.0


class AdviceKind(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"


class AdviceReason(StrEnum):
    VERY_SORE = "very_sore"
    NO_HISTORY = "no_history"
    LOAD_SPIKE = "load_spike"
    VERY_TIRED = "very_tired"
    NOT_A_TRAINING_DAY = "not_a_training_day"
    POOR_SLEEP = "poor_sleep"
    ELEVATED_RESTING_HR = "elevated_resting_hr"
    TIRED = "tired"
    HARD_YESTERDAY = "hard_yesterday"
    WEEKEND_LONG = "weekend_long"
    FRESH = "fresh"
    STEADY = "steady"


@dataclass(frozen=True, slots=True)
class Situation:
    form: float
    fitness: float
    acwr: float | None
    yesterday_load: float
    workouts_last_28_days: int
    training_day: bool
    weekend: bool
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    soreness: int | None = None
    resting_hr_rise: float | None = None


@dataclass(frozen=True, slots=True)
class Advice:
    kind: AdviceKind
    reason: AdviceReason


def _poor_sleep(s: Situation) -> bool:
    short = s.sleep_hours is not None and s.sleep_hours < SHORT_SLEEP_HOURS
    return short or s.sleep_quality == WORST_SLEEP_QUALITY


RULES: tuple[tuple[Callable[[Situation], bool], Advice], ...] = (
    (lambda s: s.soreness == WORST_SORENESS, Advice(AdviceKind.REST, AdviceReason.VERY_SORE)),
    (lambda s: s.workouts_last_28_days < 3, Advice(AdviceKind.EASY, AdviceReason.NO_HISTORY)),
    (lambda s: acwr_warning(s.acwr), Advice(AdviceKind.REST, AdviceReason.LOAD_SPIKE)),
    (lambda s: s.form < VERY_TIRED_FORM, Advice(AdviceKind.REST, AdviceReason.VERY_TIRED)),
    (lambda s: not s.training_day, Advice(AdviceKind.REST, AdviceReason.NOT_A_TRAINING_DAY)),
    (_poor_sleep, Advice(AdviceKind.EASY, AdviceReason.POOR_SLEEP)),
    (
        lambda s: s.resting_hr_rise is not None and s.resting_hr_rise >= RESTING_HR_RISE,
        Advice(AdviceKind.EASY, AdviceReason.ELEVATED_RESTING_HR),
    ),
    (lambda s: s.form < TIRED_FORM, Advice(AdviceKind.EASY, AdviceReason.TIRED)),
    (
        lambda s: s.fitness > 0 and s.yesterday_load > HARD_DAY_FACTOR * s.fitness,
        Advice(AdviceKind.EASY, AdviceReason.HARD_YESTERDAY),
    ),
    (lambda s: s.weekend, Advice(AdviceKind.LONG, AdviceReason.WEEKEND_LONG)),
    (lambda s: s.form > FRESH_FORM, Advice(AdviceKind.QUALITY, AdviceReason.FRESH)),
)
STEADY = Advice(AdviceKind.EASY, AdviceReason.STEADY)


def advise(situation: Situation) -> Advice:
    """The first rule that applies wins; safety rules come first."""
    return next((advice for applies, advice in RULES if applies(situation)), STEADY)
