"""What handlers need to draw a chart; bot.charts implements it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.activities.models import Samples
from domain.campaigns.stats import WeekCount
from domain.coaching.service import StatsReport
from domain.users.models import Units
from domain.workouts.models import Activity
from handlers.texts import Texts


class Charts(Protocol):
    def training(self, report: StatsReport, t: Texts) -> bytes:
        """A PNG: weekly training time as bars, fitness, fatigue and form as lines."""
        ...


class ActivityCharts(Protocol):
    def activity(self, samples: Samples, activity: Activity, units: Units, t: Texts) -> bytes:
        """A PNG: the route (when the samples have positions), then heart rate, pace or
        speed, and power over time."""
        ...


class GrowthCharts(Protocol):
    def growth(self, weeks: Sequence[WeekCount], t: Texts) -> bytes:
        """A PNG: new athletes (bars) and active athletes (a line) per week."""
        ...
