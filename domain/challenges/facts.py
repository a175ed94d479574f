"""How much a workout adds to a total: the metric extractor, a port other features extend.

Distance, duration and the count come from the workout itself. XP belongs to the XP
feature: it plugs in as an `XpSource`, and until one is given an XP challenge cannot be
set up (the setup only offers what the facts can measure). Elevation is an imported
file's climb: the import stores it before the workout's listeners run, and a `ClimbSource`
reads it.
"""

from __future__ import annotations

from typing import Protocol

from domain.challenges.models import Metric
from domain.ports import UnitOfWork
from domain.workouts.models import Workout


class ChallengeFacts(Protocol):
    @property
    def metrics(self) -> frozenset[Metric]:
        """The metrics this extractor can measure."""
        ...

    async def amount(self, metric: Metric, workout: Workout) -> float:
        """What the workout adds under `metric`, in SI units (0 when it adds nothing)."""
        ...

    async def neighbours(self, metric: Metric, workout: Workout) -> list[Workout]:
        """Other workouts whose amount under `metric` may have moved with this one's change."""
        ...


class XpSource(Protocol):
    async def xp_of(self, workout: Workout) -> float:
        """The XP the workout earned (inside the caller's unit of work)."""
        ...

    async def same_day(self, workout: Workout) -> list[Workout]:
        """The athlete's other workouts of the workout's local day (they share its cap)."""
        ...


class ClimbSource(Protocol):
    async def climb_of(self, workout: Workout) -> float:
        """The metres the workout climbed, 0 without a file that measured them."""
        ...


class ImportedClimb:
    """The elevation gain stored with an imported (or recorded) workout's file."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def climb_of(self, workout: Workout) -> float:
        return await self._uow.imports.elevation_gain(workout.user_id, workout.id) or 0.0


class WorkoutFacts:
    """Amounts read from the workout; XP and climb through their sources when wired."""

    def __init__(self, xp: XpSource | None = None, climb: ClimbSource | None = None) -> None:
        self._xp = xp
        self._climb = climb

    @property
    def metrics(self) -> frozenset[Metric]:
        measured = {Metric.DISTANCE, Metric.DURATION, Metric.WORKOUTS}
        if self._xp is not None:
            measured.add(Metric.XP)
        if self._climb is not None:
            measured.add(Metric.ELEVATION)
        return frozenset(measured)

    async def amount(self, metric: Metric, workout: Workout) -> float:
        if metric is Metric.DISTANCE:
            return workout.distance_m or 0.0
        if metric is Metric.DURATION:
            return float(workout.duration_s or 0)
        if metric is Metric.WORKOUTS:
            return 1.0
        if metric is Metric.XP and self._xp is not None:
            return await self._xp.xp_of(workout)
        if metric is Metric.ELEVATION and self._climb is not None:
            return await self._climb.climb_of(workout)
        return 0.0

    async def neighbours(self, metric: Metric, workout: Workout) -> list[Workout]:
        if metric is Metric.XP and self._xp is not None:
            return await self._xp.same_day(workout)
        return []
