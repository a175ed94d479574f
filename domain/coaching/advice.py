"""Today's advice: rest, easy, quality or long, with the one reason that decided it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from domain.coaching.fitness import acwr_warning
from domain.plans.models import SessionKind

VERY_TIRED_FORM = -30.0
TIRED_FORM = -10.0
FRESH_FORM = 5.0
HARD_DAY_FACTOR = 2.0


class AdviceKind(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"
    STRENGTH = "strength"
    RACE = "race"


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
    PLAN_EASY = "plan_easy"
    PLAN_LONG = "plan_long"
    PLAN_QUALITY = "plan_quality"
    PLAN_STRENGTH = "plan_strength"
    PLAN_RACE = "plan_race"
    PLAN_REST = "plan_rest"


@dataclass(frozen=True, slots=True)
class Situation:
    form: float
    fitness: float
    acwr: float | None
    yesterday_load: float
    workouts_last_28_days: int
    training_day: bool
    weekend: bool
    planned: SessionKind | None = None


@dataclass(frozen=True, slots=True)
class Advice:
    kind: AdviceKind
    reason: AdviceReason


def _planned(kind: SessionKind) -> Callable[[Situation], bool]:
    return lambda situation: situation.planned is kind


PLANNED = {
    SessionKind.EASY: Advice(AdviceKind.EASY, AdviceReason.PLAN_EASY),
    SessionKind.LONG: Advice(AdviceKind.LONG, AdviceReason.PLAN_LONG),
    SessionKind.QUALITY: Advice(AdviceKind.QUALITY, AdviceReason.PLAN_QUALITY),
    SessionKind.STRENGTH: Advice(AdviceKind.STRENGTH, AdviceReason.PLAN_STRENGTH),
    SessionKind.RACE: Advice(AdviceKind.RACE, AdviceReason.PLAN_RACE),
    SessionKind.REST: Advice(AdviceKind.REST, AdviceReason.PLAN_REST),
}
# A new athlete's acute:chronic ratio is high by construction: with a plan, the plan leads.
RULES: tuple[tuple[Callable[[Situation], bool], Advice], ...] = (
    (
        lambda s: s.workouts_last_28_days < 3 and s.planned is None,
        Advice(AdviceKind.EASY, AdviceReason.NO_HISTORY),
    ),
    (
        lambda s: acwr_warning(s.acwr) and s.workouts_last_28_days >= 3,
        Advice(AdviceKind.REST, AdviceReason.LOAD_SPIKE),
    ),
    (lambda s: s.form < VERY_TIRED_FORM, Advice(AdviceKind.REST, AdviceReason.VERY_TIRED)),
    *((_planned(kind), advice) for kind, advice in PLANNED.items()),
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
    """The first rule that applies wins: safety first, then the plan, then the athlete's week."""
    return next((advice for applies, advice in RULES if applies(situation)), STEADY)
