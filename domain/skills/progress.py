"""Where an athlete stands in a sport: level, milestones reached with their dates, the next one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.skills.bests import Bests
from domain.skills.catalog import Measure, Milestone, milestones
from domain.workouts.models import Activity, Workout

SPEED_TOLERANCE = 1e-9


def _speed(milestone: Milestone, bests: Bests) -> float | None:
    distance = milestone.distance_m or 0.0
    seconds = bests.fastest_s.get(distance)
    return distance / seconds if seconds else None


_VALUES: dict[Measure, Callable[[Milestone, Bests], float | None]] = {
    Measure.SESSIONS: lambda _, b: float(b.sessions),
    Measure.DISTANCE: lambda _, b: b.longest_m,
    Measure.TIME_OVER: lambda m, b: b.fastest_s.get(m.distance_m or 0.0),
    Measure.SPEED_OVER: _speed,
    Measure.ONE_RM: lambda m, b: b.one_rm_kg.get(m.exercise or ""),
    Measure.REPS: lambda m, b: float(b.reps.get(m.exercise or "", 0)),
    Measure.WEEKS: lambda _, b: float(b.weeks),
}


@dataclass(frozen=True, slots=True)
class Progress:
    """The current best against the target, in SI units (kg for lifts); ratio in 0..1.

    No target means the milestone needs the athlete's body weight, which is not known.
    """

    milestone: Milestone
    current: float | None
    target: float | None
    ratio: float


@dataclass(frozen=True, slots=True)
class Reached:
    milestone: Milestone
    at: datetime
    workout_id: int


@dataclass(frozen=True, slots=True)
class SportProgress:
    sport: Activity
    reached: tuple[Reached, ...]  # in the order they were reached
    next: Progress | None  # the first milestone not reached that can be measured
    waiting_for_weight: int  # milestones not reached that need the athlete's body weight
    total: int

    @property
    def level(self) -> int:
        """Every milestone reached counts once, whatever the order it came in."""
        return len(self.reached)


def target_of(milestone: Milestone, weight_kg: float | None) -> float | None:
    """Lifts are measured against body weight: without it there is no target."""
    if milestone.needs_weight:
        return milestone.target * weight_kg if weight_kg else None
    return milestone.target


def progress_of(milestone: Milestone, bests: Bests, weight_kg: float | None) -> Progress:
    """Times progress as target / best, everything else as best / target, capped at 1."""
    current = _VALUES[milestone.measure](milestone, bests) or None
    target = target_of(milestone, weight_kg)
    if current is None or target is None:
        return Progress(milestone, current, target, 0.0)
    ratio = target / current if milestone.lower_is_better else current / target
    return Progress(milestone, current, target, min(ratio, 1.0))


def is_reached(progress: Progress) -> bool:
    """Times must be under the target; everything else at least the target."""
    current, target = progress.current, progress.target
    if current is None or target is None:
        return False
    if progress.milestone.lower_is_better:
        return current < target
    return current >= target - SPEED_TOLERANCE


def _walk(
    workouts: Sequence[Workout], sport: Activity, weight_kg: float | None, zone: ZoneInfo
) -> tuple[Bests, list[Reached]]:
    """Workouts come in the order they started; milestones are checked after each one."""
    bests = Bests(sport)
    open_ones = list(milestones(sport))
    reached: list[Reached] = []
    for workout in workouts:
        if workout.activity is not sport:
            continue
        bests.add(workout, zone)
        for milestone in list(open_ones):
            if is_reached(progress_of(milestone, bests, weight_kg)):
                reached.append(Reached(milestone, workout.started_at, workout.id))
                open_ones.remove(milestone)
    return bests, reached


def sport_progress(
    workouts: Sequence[Workout], sport: Activity, weight_kg: float | None, zone: ZoneInfo
) -> SportProgress:
    """The journal walked in time order; each milestone is dated by the workout that reached it."""
    ordered = sorted(workouts, key=lambda w: (w.started_at, w.id))
    bests, reached = _walk(ordered, sport, weight_kg, zone)
    done = {item.milestone.id for item in reached}
    open_ones = [m for m in milestones(sport) if m.id not in done]
    measurable = [m for m in open_ones if target_of(m, weight_kg) is not None]
    return SportProgress(
        sport=sport,
        reached=tuple(reached),
        next=progress_of(measurable[0], bests, weight_kg) if measurable else None,
        waiting_for_weight=len(open_ones) - len(measurable),
        total=len(milestones(sport)),
    )


def reached_by(
    workout: Workout, earlier: Sequence[Workout], weight_kg: float | None, timezone: str
) -> tuple[Milestone, ...]:
    """The milestones the journal reaches with `workout` and did not reach without it.

    Every other workout counts, also one that started later: logging yesterday's run
    after today's must not announce again what today's run already reached.
    """
    zone, sport = ZoneInfo(timezone), workout.activity

    def chronological(workouts: Iterable[Workout]) -> list[Workout]:
        return sorted(workouts, key=lambda w: (w.started_at, w.id))

    journal = [w for w in earlier if w.id != workout.id]
    before = {
        item.milestone.id for item in _walk(chronological(journal), sport, weight_kg, zone)[1]
    }
    after = _walk(chronological([*journal, workout]), sport, weight_kg, zone)[1]
    return tuple(item.milestone for item in after if item.milestone.id not in before)
