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


class AdviceKind(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"


class AdviceReason(StrEnum):
    NO_HISTORY = "no_history"
    LOAD_SPIKE = "load_spike"
    VERY_TIRED = "very_tired"
    NOT_A_TRAINING_DAY = "not_a_training_day"
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


@dataclass(frozen=True, slots=True)
class Advice:
    kind: AdviceKind
    reason: AdviceReason


RULES: tuple[tuple[Callable[[Situation], bool], Advice], ...] = (
    (lambda s: s.workouts_last_28_days < 3, Advice(AdviceKind.EASY, AdviceReason.NO_HISTORY)),
    (lambda s: acwr_warning(s.acwr), Advice(AdviceKind.REST, AdviceReason.LOAD_SPIKE)),
    (lambda s: s.form < VERY_TIRED_FORM, Advice(AdviceKind.REST, AdviceReason.VERY_TIRED)),
    (lambda s: not s.training_day, Advice(AdviceKind.REST, AdviceReason.NOT_A_TRAINING_DAY)),
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
