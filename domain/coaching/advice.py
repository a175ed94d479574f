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
    STRENGTH = "strength"
    RACE = "race"


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
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    soreness: int | None = None
    resting_hr_rise: float | None = None
    planned: SessionKind | None = None


@dataclass(frozen=True, slots=True)
class Advice:
    kind: AdviceKind
    reason: AdviceReason


def _poor_sleep(s: Situation) -> bool:
    short = s.sleep_hours is not None and s.sleep_hours < SHORT_SLEEP_HOURS
    return short or s.sleep_quality == WORST_SLEEP_QUALITY


def _planned(kind: SessionKind) -> Callable[[Situation], bool]:
    return lambda situation: situation.planned is kind


PLANNED = {
    SessionKind.EASY: Advice(AdviceKind.EASY, AdviceReason.PLAN_EASY),
    SessionKind.LONG: Advice(AdviceKind.LONG, AdviceReason.PLAN_LONG),
    SessionKind.QUALITY: Advice(AdviceKind.QUALITY, AdviceReason.PLAN_QUALITY),
    SessionKind.STRENGTH: Advice(AdviceKind.STRENGTH, AdviceReason.PLAN_STRENGTH),
    SessionKind.RACE: Advice(AdviceKind.RACE, AdviceReason.PLAN_RACE),
}
# Safety first (soreness, a load spike, deep fatigue), then a planned or a free rest day,
# then what the body says this morning (sleep, resting HR), then the plan, then the week.
# A new athlete's acute:chronic ratio is high by construction: with a plan, the plan leads.
RULES: tuple[tuple[Callable[[Situation], bool], Advice], ...] = (
    (lambda s: s.soreness == WORST_SORENESS, Advice(AdviceKind.REST, AdviceReason.VERY_SORE)),
    (
        lambda s: s.workouts_last_28_days < 3 and s.planned is None,
        Advice(AdviceKind.EASY, AdviceReason.NO_HISTORY),
    ),
    (
        lambda s: acwr_warning(s.acwr) and s.workouts_last_28_days >= 3,
        Advice(AdviceKind.REST, AdviceReason.LOAD_SPIKE),
    ),
    (lambda s: s.form < VERY_TIRED_FORM, Advice(AdviceKind.REST, AdviceReason.VERY_TIRED)),
    (_planned(SessionKind.REST), Advice(AdviceKind.REST, AdviceReason.PLAN_REST)),
    (
        lambda s: not s.training_day and s.planned is None,
        Advice(AdviceKind.REST, AdviceReason.NOT_A_TRAINING_DAY),
    ),
    (_poor_sleep, Advice(AdviceKind.EASY, AdviceReason.POOR_SLEEP)),
    (
        lambda s: s.resting_hr_rise is not None and s.resting_hr_rise >= RESTING_HR_RISE,
        Advice(AdviceKind.EASY, AdviceReason.ELEVATED_RESTING_HR),
    ),
    *((_planned(kind), advice) for kind, advice in PLANNED.items()),
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
    """The first rule that applies wins, in the order of RULES."""
    return next((advice for applies, advice in RULES if applies(situation)), STEADY)
