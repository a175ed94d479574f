"""How much a workout adds to a total: the metric extractor, a port other features extend.

Distance, duration and the count come from the workout itself. XP belongs to the XP
feature: it plugs in as an `XpSource`, and until one is given an XP challenge cannot be
set up (the setup only offers what the facts can measure). Elevation waits for the same
reason: an imported file's climb is stored after the workout's listeners ran.
"""

from __future__ import annotations

from typing import Protocol

from domain.challenges.models import Metric
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


class WorkoutFacts:
    """Amounts read from the workout; XP through the XP feature's source when wired."""

    def __init__(self, xp: XpSource | None = None) -> None:
        self._xp = xp

    @property
    def metrics(self) -> frozenset[Metric]:
        measured = {Metric.DISTANCE, Metric.DURATION, Metric.WORKOUTS}
        return frozenset(measured | ({Metric.XP} if self._xp is not None else set()))

    async def amount(self, metric: Metric, workout: Workout) -> float:
        if metric is Metric.DISTANCE:
            return workout.distance_m or 0.0
        if metric is Metric.DURATION:
            return float(workout.duration_s or 0)
        if metric is Metric.WORKOUTS:
            return 1.0
        if metric is Metric.XP and self._xp is not None:
            return await self._xp.xp_of(workout)
        return 0.0

    async def neighbours(self, metric: Metric, workout: Workout) -> list[Workout]:
        if metric is Metric.XP and self._xp is not None:
            return await self._xp.same_day(workout)
        return []
